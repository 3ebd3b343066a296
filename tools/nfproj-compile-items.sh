#!/usr/bin/env bash
# Rewrites the <Compile> items of firmware/Kiosk.Firmware/Kiosk.Firmware.nfproj: the firmware's
# own sources, and the core's sources linked (never copied). An nfproj has no globbing, so run
# this after adding, moving or removing a .cs file under firmware/. The portability test fails,
# naming the file, while the project and the disk disagree.
set -euo pipefail
cd "$(dirname "$0")/../firmware"
project=Kiosk.Firmware/Kiosk.Firmware.nfproj
items=$(mktemp)
{
  find Kiosk.Firmware -name '*.cs' -not -path '*/bin/*' -not -path '*/obj/*' | LC_ALL=C sort | while read -r f; do
    rel=${f#Kiosk.Firmware/}
    printf '    <Compile Include="%s" />\n' "${rel//\//\\}"
  done
  find Kiosk.Core -name '*.cs' -not -path '*/bin/*' -not -path '*/obj/*' | LC_ALL=C sort | while read -r f; do
    rel=${f#Kiosk.Core/}
    printf '    <Compile Include="..\\Kiosk.Core\\%s">\n      <Link>Core\\%s</Link>\n    </Compile>\n' "${rel//\//\\}" "${rel//\//\\}"
  done
} > "$items"
awk -v items="$items" '
  /<!-- Compile items: begin/ { print; while ((getline line < items) > 0) print line; skip = 1; next }
  /<!-- Compile items: end/ { skip = 0 }
  !skip { print }
' "$project" > "$project.tmp"
mv "$project.tmp" "$project"
rm -f "$items"
echo "updated $project: $(grep -c '<Compile ' "$project") Compile items"
