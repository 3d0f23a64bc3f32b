/**
 * `npm start`, `npm run cli` and the job worker start here: lib/cli/main.ts bundled into one
 * plain ES module (esbuild, npm packages left external), then imported. Plain JavaScript because
 * it runs before anything can compile TypeScript.
 *
 * Why not tsx, as the tests use: tsx compiles every module on load and keeps each one's source
 * and source map. Detection and imports must stay under 300 MB at any data size; from the bundle
 * every CLI process is ~50 MB smaller (one with nothing to do: ~155 MB against ~210 MB) and
 * starts about twice as fast.
 *
 * The bundle is rebuilt when a file it was built from changed (size or mtime; this launcher and
 * package-lock.json, hence esbuild's version, count too), else reused without loading esbuild.
 * Bundles are named by content and the manifest written last, so two processes building at once
 * never load a half-written or mismatched file; a file saved during a build leaves no manifest.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = path.resolve(import.meta.dirname, "../..");
const OUT_DIR = path.join(ROOT, "node_modules", ".cache", "darkflight-cli");
const MANIFEST = path.join(OUT_DIR, "manifest.json");
/** Older bundles than this are removed after a build (a process may be about to load one). */
const STALE_BUNDLE_MS = 10 * 60_000;

/** @typedef {{ bundle: string, inputs: [string, number, number][] }} Manifest */

/** @returns {Manifest | null} the last build's manifest, if there is one */
function readManifest() {
  try {
    return JSON.parse(fs.readFileSync(MANIFEST, "utf8"));
  } catch {
    return null;
  }
}

/** @returns {string | null} the bundle to load, if every input is as it was built from */
function currentBundle() {
  const manifest = readManifest();
  if (!manifest) return null;
  for (const [file, size, mtimeMs] of manifest.inputs) {
    // An input removed since: build again.
    const stat = fs.statSync(path.join(ROOT, file), { throwIfNoEntry: false });
    if (!stat || stat.size !== size || stat.mtimeMs !== mtimeMs) return null;
  }
  const bundle = path.join(OUT_DIR, manifest.bundle);
  return fs.existsSync(bundle) ? bundle : null;
}

/** @returns {Promise<string>} the path of a fresh bundle */
async function build() {
  const startedMs = Date.now();
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ["lib/cli/main.ts"],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    write: false,
    metafile: true,
    logLevel: "warning",
    plugins: [externalPackages],
  });
  await esbuild.stop();
  const code = result.outputFiles[0].contents;
  const name = `main-${crypto.createHash("sha256").update(code).digest("hex").slice(0, 16)}.mjs`;
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const bundle = path.join(OUT_DIR, name);
  writeAtomically(bundle, code);
  const recipe = ["tsconfig.json", "package-lock.json", "lib/cli/launch.mjs"];
  const inputs = [...recipe, ...Object.keys(result.metafile.inputs)].map((file) => {
    const stat = fs.statSync(path.join(ROOT, file));
    return /** @type {[string, number, number]} */ ([file, stat.size, stat.mtimeMs]);
  });
  // Saved while esbuild read it: this bundle may hold the old text, so the next start builds again.
  if (inputs.some(([, , mtimeMs]) => mtimeMs >= startedMs - 1000)) return bundle;
  const previous = readManifest()?.bundle;
  writeAtomically(MANIFEST, JSON.stringify({ bundle: name, inputs }));
  for (const old of fs.readdirSync(OUT_DIR)) {
    const file = path.join(OUT_DIR, old);
    // The one the last manifest named may be about to load in another process: it stays.
    if (old !== name && old !== previous && old.startsWith("main-") && Date.now() - fs.statSync(file).mtimeMs > STALE_BUNDLE_MS) fs.rmSync(file, { force: true });
  }
  return bundle;
}

/** @param {string} file @param {string | Uint8Array} data */
function writeAtomically(file, data) {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, data);
  fs.renameSync(temporary, file);
}

/**
 * npm packages stay external, loaded by Node as tsx would (`--conditions=react-server` applies),
 * except JSON data, which Node's ES modules cannot import without an attribute: it is bundled.
 * Next.js has no `exports` map, so its subpaths need the `.js` Node's resolver asks for.
 * @type {import("esbuild").Plugin}
 */
const externalPackages = {
  name: "external-packages",
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      const local = args.kind === "entry-point" || /^([./]|@\/)/.test(args.path);
      if (local || args.path.endsWith(".json")) return undefined;
      if (/^next\/[\w-]+$/.test(args.path)) return { path: `${args.path}.js`, external: true };
      return { path: args.path, external: true };
    });
  },
};

const bundle = currentBundle() ?? (await build());
await import(pathToFileURL(bundle).href);
