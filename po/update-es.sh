#!/bin/sh
# Regenerates po/es.po from the sources: extracts every marked string,
# takes Spanish translations from po/fragments/*.po (written next to new
# code, first one wins) and from the current po/es.po, and drops strings no
# source uses any more. tests/check-translations.sh then proves it complete.
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
xgettext --from-code=UTF-8 --add-comments=Translators --keyword=_ --keyword=N_ --keyword=M_ \
  --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 \
  --package-name=mensajero --msgid-bugs-address=https://github.com/mensajero/mensajero/issues \
  --files-from=po/POTFILES.in -o "$tmp/mensajero.pot"
set -- po/fragments/*.po
[ -f "$1" ] || set --
msgattrib --translated --no-obsolete po/es.po -o "$tmp/current.po"
[ -f "$tmp/current.po" ] || cp po/es.po "$tmp/current.po"
msgcat --use-first "$tmp/current.po" "$@" -o "$tmp/all.po"
msgmerge --quiet --no-fuzzy-matching --no-wrap "$tmp/all.po" "$tmp/mensajero.pot" -o "$tmp/es.po"
msgattrib --no-obsolete --no-wrap "$tmp/es.po" -o po/es.po
LC_ALL=C msgfmt --check --statistics -o /dev/null po/es.po
