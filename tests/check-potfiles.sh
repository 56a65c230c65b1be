#!/bin/sh
# Every file that marks strings for translation must be listed in po/POTFILES.in
# (modelled on papers' check-potfiles.sh).
top=${1:-.}
cd "$top" || exit 1
status=0
files=$( (grep -rlE '\b(_|N_|M_|C_|NC_|ngettext)\s*\(' src --include='*.c' ; \
          grep -rl 'translatable="yes"' ui --include='*.ui') | sort -u)
for f in $files; do
  if ! grep -qx "$f" po/POTFILES.in; then
    echo "missing from po/POTFILES.in: $f"
    status=1
  fi
done
for f in $(grep -v '^#' po/POTFILES.in | grep -v '^$'); do
  if [ ! -f "$f" ]; then
    echo "listed in po/POTFILES.in but missing: $f"
    status=1
  fi
done
exit $status
