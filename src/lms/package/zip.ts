/**
 * A reproducible zip: the same files give the same bytes on any machine, in any time zone, on any
 * day — entries sorted by path, one fixed timestamp, one compression level per kind of file.
 * An administrator can then tell from a checksum whether a package really changed.
 */
import { zipSync, type Zippable } from 'fflate';

/** Files by path inside the package ("a/b.js", forward slashes, no leading slash). */
export type PackageFiles = ReadonlyMap<string, Uint8Array>;

/** Formats that are compressed already: deflating them again costs time and saves nothing. */
const STORED = /\.(png|jpe?g|gif|webp|avif|mp3|mp4|m4a|webm|ogg|woff2?|zip|pdf)$/i;

/**
 * fflate writes the DOS date from the Date's local fields: a Date built from local fields gives
 * the same bytes whatever the machine's time zone. 1980-01-01 is the earliest DOS date.
 */
function fixedTime(): Date {
  return new Date(1980, 0, 1, 0, 0, 0);
}

export function zipFiles(files: PackageFiles): Uint8Array {
  const entries: Zippable = {};
  const mtime = fixedTime();
  for (const path of [...files.keys()].sort()) {
    const data = files.get(path)!;
    entries[path] = [data, { level: STORED.test(path) ? 0 : 9, mtime }];
  }
  return zipSync(entries);
}
