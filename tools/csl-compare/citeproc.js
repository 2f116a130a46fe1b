// Render CSL-JSON items with one style in citeproc-js and print the result
// as JSON, in the same shape as kaynak-csl's `render_json` example:
//   {"style", "lang", "citations": [string…], "bibliography": [{"id", "entry"}…] | null,
//    "warnings": [string…]}
//
//   node citeproc.js --citeproc DIR/node_modules/citeproc --style STYLE.csl \
//        --locales DIR --lang TAG [--format html|text] ITEMS.json CLUSTERS.json
//
// STYLE.csl must be an independent style (csl-compare passes a dependent
// style's parent, and the dependent's locale as --lang). Citations are
// processed as one document with rebuildProcessorState, so each string is
// the citation's final form (after disambiguation of later cites).
// Bibliography entries are citeproc-js's own strings, wrapper included:
// csl-compare normalises both sides.
"use strict";

const MARK = "<!--csl-compare-id:";

const fs = require("fs");
const path = require("path");

function parseArgs(argv) {
  const args = { format: "html", files: [] };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (["--citeproc", "--style", "--locales", "--lang", "--format"].includes(flag)) {
      if (i + 1 >= argv.length) throw new Error(`${flag} needs a value`);
      args[flag.slice(2)] = argv[++i];
    } else if (flag.startsWith("--")) {
      throw new Error(`unknown option ${flag}`);
    } else {
      args.files.push(flag);
    }
  }
  for (const key of ["citeproc", "style", "locales", "lang"]) {
    if (!args[key]) throw new Error(`--${key} is required`);
  }
  if (args.files.length !== 2) throw new Error("ITEMS.json and CLUSTERS.json are required");
  return args;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`${file}: ${e.message}`);
  }
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const CSL = require(path.resolve(args.citeproc));
  const items = readJson(args.files[0]);
  const clusters = readJson(args.files[1]);
  // system_id lets embedBibliographyEntry name each entry: citeproc-js drops
  // entries that render empty, so its entry_ids list cannot be zipped with them.
  const byId = new Map(items.map((item) => [String(item.id), { ...item, system_id: String(item.id) }]));
  const warnings = [];
  const sys = {
    retrieveLocale(lang) {
      const file = path.join(args.locales, `locales-${lang}.xml`);
      return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : false;
    },
    retrieveItem(id) {
      return byId.get(String(id));
    },
    embedBibliographyEntry(id) {
      return `${MARK}${id}-->`;
    },
  };
  const style = fs.readFileSync(args.style, "utf8");
  const engine = new CSL.Engine(sys, style, args.lang, true);
  engine.setOutputFormat(args.format);
  const citations = clusters.map((cluster, n) => ({
    citationID: `c${n}`,
    citationItems: Array.isArray(cluster) ? cluster : cluster.citationItems,
    properties: { noteIndex: Array.isArray(cluster) ? n + 1 : cluster.properties.noteIndex },
  }));
  const cited = new Set(citations.flatMap((c) => c.citationItems.map((i) => String(i.id))));
  const uncited = items.map((item) => String(item.id)).filter((id) => !cited.has(id));
  const rendered = new Map();
  for (const [id, , text] of engine.rebuildProcessorState(citations, args.format, uncited)) {
    rendered.set(id, text);
  }
  const out = {
    style: args.style,
    lang: args.lang,
    citations: citations.map((c) => {
      if (!rendered.has(c.citationID)) warnings.push(`${c.citationID}: not rendered`);
      return rendered.get(c.citationID) ?? "";
    }),
    bibliography: null,
    warnings,
  };
  const bibliography = engine.makeBibliography();
  if (bibliography) {
    const [meta, entries] = bibliography;
    out.bibliography = entries.map((entry, k) => {
      const at = entry.lastIndexOf(MARK);
      if (at < 0) {
        warnings.push(`entry ${k}: no id mark`);
        return { id: (meta.entry_ids[k] || []).map(String).join(" "), entry };
      }
      const id = entry.slice(at + MARK.length, entry.indexOf("-->", at));
      return { id, entry: entry.slice(0, at) };
    });
  }
  process.stdout.write(JSON.stringify(out, null, 1) + "\n");
}

try {
  main();
} catch (e) {
  process.stderr.write(`citeproc.js: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
}
