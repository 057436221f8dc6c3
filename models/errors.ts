/** Errors a user can cause. Routes turn them into a clear message and the right status. */
export type AppErrorCode = "validation" | "not_found" | "forbidden" | "invalid_state" | "conflict" | "too_large" | "unsupported";

const statusByCode: Record<AppErrorCode, number> = {
  validation: 400,
  not_found: 404,
  forbidden: 403,
  invalid_state: 409,
  conflict: 409,
  too_large: 413,
  unsupported: 415,
};

export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
  }
  get status(): number {
    return statusByCode[this.code];
  }
}

export const notFound = (what = "Case") => new AppError("not_found", `${what} not found.`);
