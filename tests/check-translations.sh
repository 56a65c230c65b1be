#!/bin/sh
# po/es.po must translate every string the sources mark: regenerate the
# template from the sources, merge, and refuse untranslated or fuzzy entries.
src=${1:?source dir}
build=${2:?build dir}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src" || exit 1
xgettext --from-code=UTF-8 --add-comments=Translators --keyword=_ --keyword=N_ --keyword=M_ \
  --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 \
  --files-from=po/POTFILES.in --directory="$src" -o "$tmp/mensajero.pot" 2>"$tmp/xgettext.log" || {
  cat "$tmp/xgettext.log"; exit 1; }
msgmerge --quiet --no-fuzzy-matching "po/es.po" "$tmp/mensajero.pot" -o "$tmp/es.po" || exit 1
stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$tmp/es.po" 2>&1) || { echo "$stats"; exit 1; }
echo "es: $stats"
case "$stats" in
  *untranslated*|*fuzzy*)
    echo "po/es.po is incomplete; untranslated or fuzzy messages:"
    msgattrib --only-fuzzy "$tmp/es.po" | grep -A1 "^msgid" | head -40
    msgattrib --untranslated "$tmp/es.po" | grep -A1 '^msgid' | head -60
    exit 1 ;;
esac
exit 0
