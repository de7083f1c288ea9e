/** What went wrong with the last action, in the words the API gave in the user's language; nothing when all is well. */
export function ErrorNotice({ error, style }: { error: Error | null; style?: React.CSSProperties }) {
  if (!error) return null;
  return (
    <p className="notice error" role="alert" style={style}>
      {error.message}
    </p>
  );
}
