/** PostgreSQL error details, whichever driver raised them and however Drizzle wrapped them. */
export interface PgErrorInfo {
  code: string;
  constraint?: string | undefined;
}

export function pgError(error: unknown): PgErrorInfo | null {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const candidate = e as { code?: unknown; constraint?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return { code: candidate.code, constraint: typeof candidate.constraint === 'string' ? candidate.constraint : undefined };
    }
  }
  return null;
}

export const isUniqueViolation = (error: unknown, constraint?: string): boolean => {
  const info = pgError(error);
  return info?.code === '23505' && (constraint === undefined || info.constraint === constraint);
};

/** A row still referenced: 23503, or 23001 when the reference says ON DELETE RESTRICT. */
export const isForeignKeyViolation = (error: unknown): boolean => ['23503', '23001'].includes(pgError(error)?.code ?? '');

/**
 * Runs a write, turning a refusal by the named unique index into the caller's own error (the
 * `duplicate` callback throws it), so people read "code already taken", not a driver message.
 */
export async function explainDuplicate<T>(write: () => Promise<T>, index: string, duplicate: () => never): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error, index)) duplicate();
    throw error;
  }
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** Shutting down, starting up, or too many connections: the server will be back. */
const GOING_AWAY = new Set(['57P01', '57P02', '57P03', '53300']);
const DROPPED = /Connection terminated|not queryable|timeout exceeded when trying to connect|Connection ended/i;

/**
 * True when the database could not be reached or dropped the connection (a restart, a
 * failover), as opposed to refusing the statement: the request may be retried unchanged.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message, errors } = e as { code?: unknown; message?: unknown; errors?: unknown };
    if (typeof code === 'string' && (UNREACHABLE.has(code) || GOING_AWAY.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
    if (typeof message === 'string' && DROPPED.test(message)) return true;
    // Node reports a refused connection to several addresses as an AggregateError.
    if (Array.isArray(errors) && errors.some((inner) => isDatabaseUnavailable(inner))) return true;
  }
  return false;
}
