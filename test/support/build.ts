import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const LOCK = path.resolve("node_modules/.cache/toptier-build.lock");
const MARKER = path.resolve("build/.built-for-run");

/**
 * A production build (`npm run build`) made during this Vitest run, once: the
 * test files that start the production server (production-mode, scale-out) run
 * in parallel forks, and a second build emptying build/ under a running server
 * would break the first file's asset requests. A lock directory serialises the
 * builders; the marker names the run (the forks' common parent, Vitest itself),
 * so a build from an earlier run is never reused: a stale one would test
 * yesterday's code.
 */
export async function freshBuild(timeoutMs = 180_000): Promise<void> {
  const run = String(process.ppid);
  const end = Date.now() + timeoutMs;
  mkdirSync(path.dirname(LOCK), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      // A lock left by a killed run (no build takes five minutes).
      const age = (() => {
        try {
          return Date.now() - statSync(LOCK).mtimeMs;
        } catch {
          return 0;
        }
      })();
      if (age > 5 * 60_000) rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > end) throw new Error(`another test held the build lock (${LOCK}) for over ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    const built = (() => {
      try {
        return readFileSync(MARKER, "utf8");
      } catch {
        return null;
      }
    })();
    if (built === run) return;
    const build = spawnSync("npm", ["run", "-s", "build"], { encoding: "utf8" });
    if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
    writeFileSync(MARKER, run);
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
