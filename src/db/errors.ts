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
