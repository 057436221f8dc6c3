import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { endSession } from "../session.server";

export async function action({ request, context }: ActionFunctionArgs) {
  return endSession(request, context);
}

export async function loader() {
  return redirect("/");
}
