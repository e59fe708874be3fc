// Whether the browser reached us over TLS, so the session cookie is marked Secure. Behind a
// TLS-terminating proxy the server itself sees plain http: it then relies on the public URL it
// was given, or on X-Forwarded-Proto, but only from a proxy it was told to trust (otherwise any
// client could claim https, or deny it).

export interface Exposure {
  publicUrl?: string;
  trustProxy: boolean;
}

/** True when the request arrived over https, as the server or a trusted proxy sees it. */
export function cameOverTls(request: Request, exposure: Exposure | undefined): boolean {
  if (new URL(request.url).protocol === 'https:') return true;
  if (exposure?.publicUrl !== undefined && exposure.publicUrl.toLowerCase().startsWith('https://')) return true;
  if (exposure?.trustProxy === true) {
    // The proxy we run appends its own value last.
    const forwarded = request.headers.get('x-forwarded-proto')?.split(',').at(-1)?.trim().toLowerCase();
    return forwarded === 'https';
  }
  return false;
}
