import type { ReactNode } from 'react';

/**
 * What went wrong with the last action, in the words the API gave in the user's language, and
 * anything the page adds (such as "what you typed is kept"); nothing when all is well.
 */
export function ErrorNotice({ error, style, testId, children }: { error: Error | null; style?: React.CSSProperties; testId?: string; children?: ReactNode }) {
  if (!error) return null;
  return (
    <p className="notice error" role="alert" style={style} data-testid={testId}>
      {error.message}
      {children && <> {children}</>}
    </p>
  );
}
