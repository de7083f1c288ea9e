/** One bar per row with its figure written beside it: readable without the bars, quicker with them. */
export function Bars({ rows, label }: { rows: { label: string; percent: number | null; figure: string }[]; label: string }) {
  return (
    <table className="counts" aria-label={label} style={{ width: '100%' }}>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label}>
            <th scope="row" style={{ fontWeight: 'normal', textAlign: 'left', width: '30%' }}>
              {row.label}
            </th>
            <td style={{ width: '50%' }}>
              <div aria-hidden="true" style={{ background: '#1d4f91', height: 10, width: `${row.percent ?? 0}%`, minWidth: row.percent ? 2 : 0 }} />
            </td>
            <td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{row.figure}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
