import { createContext, useContext } from "react";

/**
 * The Content-Security-Policy nonce of this response (app/security-headers.server.ts), given
 * to the inline scripts Remix writes. Set on the server only: browsers hide a nonce from the
 * page once parsed, so the client renders with "" and React leaves the attribute alone.
 */
const NonceContext = createContext<string>("");

export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
