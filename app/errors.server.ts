import { data } from "@remix-run/node";
import { AppError } from "../models/errors";

/**
 * Turn a user-caused error into what the form shows: the message and the field
 * errors (and the values the user sent, so nothing typed is lost), with the right status. A not-found becomes a 404 page. Anything else
 * is a bug and is rethrown (the error boundary shows a calm page).
 */
export function asFormError<V = undefined>(err: unknown, values?: V) {
  if (err instanceof AppError) {
    if (err.code === "not_found") throw new Response(err.message, { status: 404 });
    return data({ ok: false as const, error: err.message, fieldErrors: err.fieldErrors, values }, { status: err.status });
  }
  throw err;
}


/** For loaders: a user-caused error becomes an error page with its status (404 for what you may not see). */
export function throwAsResponse(err: unknown): never {
  if (err instanceof AppError) throw new Response(err.message, { status: err.status });
  throw err;
}
