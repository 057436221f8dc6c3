import { AppError } from "../errors";
import { formatSize } from "../files";

/**
 * A5: the size-limit refusals. Pure (no Node modules): the documents page
 * builds them too, to show them in the reader's language with the size in them.
 */
export const fileTooLarge = (maxBytes: number) =>
  new AppError("too_large", `The file is larger than ${formatSize(maxBytes)}. Upload a smaller scan.`, {
    file: `The file must be ${formatSize(maxBytes)} or smaller`,
  });

export const caseTooLarge = (maxCaseBytes: number) =>
  new AppError("too_large", `The files of this application would add up to more than ${formatSize(maxCaseBytes)}. Replace a large scan with a smaller one, or upload a smaller file.`, {
    file: `All files together must be ${formatSize(maxCaseBytes)} or smaller`,
  });

/** Every earlier version is kept (A5), so all versions together are bounded too (twice the case limit). */
export const VERSIONS_FACTOR = 2;
export const versionsTooLarge = () =>
  new AppError("too_large", "Every earlier version of your files is kept, and together they have reached this application's storage limit. Upload a smaller file.", {
    file: "Earlier versions are kept and count too: upload a smaller file",
  });
