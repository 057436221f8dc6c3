import { Transform } from "node:stream";

/**
 * React 18's streaming renderer sends a full 2 KB buffer when the next character does not
 * fit in it (Hangul, "₩", "…": 2 to 4 bytes in UTF-8), its unwritten last bytes left as NUL
 * (react/react#24985; fixed only in React 19). A NUL in text is dropped by the browser, but
 * one in the page's data script turns into U+FFFD, so hydration fails (React error 418) and
 * the page is rendered again in the browser. These are at most 3 bytes at the end of a
 * buffer React wrote, and HTML holds no NUL otherwise: they are cut off here.
 */
export function dropTrailingNuls(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      let end = chunk.length;
      while (end > 0 && chunk.length - end < 3 && chunk[end - 1] === 0) end--;
      callback(null, end === chunk.length ? chunk : chunk.subarray(0, end));
    },
  });
}
