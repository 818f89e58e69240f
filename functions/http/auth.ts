/**
 * API keys on requests (`Authorization: Bearer <key>`, RFC 6750). The tenant of a request is
 * always the key's tenant. Secret keys (`sk_…`) are for servers and spreadsheets; publishable keys
 * (`pk_…`) may only call calculations and only from one of their allowed browser origins.
 */
import type { Context } from 'hono';
import { HttpProblem } from './errors.js';
import type { AppEnv, RequestPrincipal } from './reply.js';

export interface KeyVerifier {
  verify(key: string): Promise<RequestPrincipal | undefined>;
}

export type Scope = 'calculations' | 'scenarios:read' | 'scenarios:write';

const challenge = (error?: string) => ({ 'WWW-Authenticate': `Bearer realm="peakplan"${error ? `, error="${error}"` : ''}` });

/** The bearer token of a request, if any (a malformed header is a 401, not an anonymous call). */
function bearer(c: Context): string | undefined {
  const header = c.req.header('authorization');
  if (header === undefined) return undefined;
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  if (!match) throw new HttpProblem(401, 'unauthorized', 'Unauthorized', 'The Authorization header must be "Bearer <API key>".', undefined, challenge('invalid_request'));
  return match[1];
}

/**
 * Checks the key and puts the principal on the context. With `required: false` a request without
 * a key passes anonymously, but a key that is sent is still checked.
 */
export async function authenticate(c: Context<AppEnv>, keys: KeyVerifier, scope: Scope, required: boolean): Promise<RequestPrincipal | undefined> {
  const key = bearer(c);
  if (key === undefined) {
    if (!required) return undefined;
    throw new HttpProblem(401, 'unauthorized', 'Unauthorized', 'This endpoint needs an API key: send Authorization: Bearer <key>. Keys are made with `npm run keys -- create`.', undefined, challenge());
  }
  const principal = await keys.verify(key);
  if (!principal) throw new HttpProblem(401, 'unauthorized', 'Unauthorized', 'The API key is not valid or has been revoked.', undefined, challenge('invalid_token'));
  if (principal.kind === 'publishable') {
    const origin = c.req.header('origin');
    if (scope !== 'calculations') throw new HttpProblem(403, 'forbidden', 'Forbidden', 'Publishable keys (pk_) may only call calculations; use a secret key (sk_) from your server.');
    if (origin === undefined || !principal.origins.includes(origin))
      throw new HttpProblem(403, 'forbidden', 'Forbidden', `This publishable key may only be used from ${principal.origins.join(', ')}${origin ? `, not from ${origin}` : ' (the request has no Origin header)'}.`);
  }
  if (!principal.scopes.includes(scope)) throw new HttpProblem(403, 'forbidden', 'Forbidden', `This API key does not have the ${scope} scope.`, undefined, challenge('insufficient_scope'));
  c.set('principal', principal);
  return principal;
}
