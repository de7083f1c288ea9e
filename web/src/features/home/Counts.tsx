/** A short table of counts: exact figures for those who would rather read than look. */
export function Counts({ counts, label }: { counts: Record<string, number>; label: (key: string) => string }) {
  return (
    <table className="counts">
      <tbody>
        {Object.entries(counts).map(([key, n]) => (
          <tr key={key}>
            <th scope="row">{label(key)}</th>
            <td>{n}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
