import {
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { addDocument } from "../../models/case/documents";
import { getCaseView } from "../../models/case/drafts";
import { AppError } from "../../models/errors";
import { formatSize } from "../../models/files";
import { asFormError, throwAsResponse } from "../errors.server";
import { requireRole, caseContext } from "../session.server";
import { UploadForm } from "../components/upload-form";
import { ErrorSummary } from "../ui";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, context, ["applicant"]);
  const view = await getCaseView(caseContext(context, user), params.caseId!).catch(throwAsResponse);
  return { caseId: view.case.id, maxUpload: formatSize(context.services.config.maxUploadBytes) };
}

/** A5 (first cut): one file per upload, checked by content and size; the dossier is untouched either way. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireRole(request, context, ["applicant"]);
  const { maxUploadBytes } = context.services.config;
  try {
    let form: FormData;
    try {
      form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: maxUploadBytes }));
    } catch (err) {
      if (err instanceof MaxPartSizeExceededError) {
        throw new AppError("too_large", `The file is larger than ${formatSize(maxUploadBytes)}. Upload a smaller scan.`, {
          file: `The file must be ${formatSize(maxUploadBytes)} or smaller`,
        });
      }
      throw new AppError("validation", "The upload could not be read. Choose the file and try again.", { file: "Choose a file" });
    }
    const file = form.get("file");
    if (!(file instanceof File) || (file.size === 0 && !file.name)) {
      throw new AppError("validation", "Choose a file to upload.", { file: "Choose a file" });
    }
    const doc = await addDocument(
      { ...caseContext(context, user), storage: context.services.storage, maxBytes: maxUploadBytes },
      {
        caseId: params.caseId!,
        kind: String(form.get("kind") ?? ""),
        filename: file.name,
        bytes: new Uint8Array(await file.arrayBuffer()),
        requestItemId: typeof form.get("requestItemId") === "string" && form.get("requestItemId") !== "" ? String(form.get("requestItemId")) : undefined,
      },
    );
    return redirect(`/cases/${params.caseId}?uploaded=${encodeURIComponent(doc.filename)}`);
  } catch (err) {
    return asFormError(err);
  }
}

export const meta: MetaFunction = () => [{ title: "Upload a document · TopTier" }];

export default function UploadDocument() {
  const { caseId, maxUpload } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section>
      <p>
        <Link to={`/cases/${caseId}`}>Back to the application</Link>
      </p>
      <h1>Upload a document</h1>
      <ErrorSummary error={result?.error} fieldErrors={result?.fieldErrors} />
      <UploadForm caseId={caseId} maxUpload={maxUpload} error={result?.fieldErrors?.file} />
    </section>
  );
}
