import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Overview } from '../../api/types';
import { nameOf } from '../../i18n';

/**
 * The chart's figures as a table, each place a link one level down: for screen readers, for
 * keyboards, and for anyone who wants the exact numbers.
 */
export function UnitTable({ units }: { units: Overview['units'] }) {
  const { t } = useTranslation();
  return (
    <table className="counts" data-testid="units">
      <caption className="visually-hidden">{t('home.byUnit')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('home.unit')}</th>
          <th scope="col">{t('home.established')}</th>
          <th scope="col">{t('home.newResidents')}</th>
          <th scope="col">{t('home.residents')}</th>
        </tr>
      </thead>
      <tbody>
        {units.map((u) => (
          <tr key={u.placeId}>
            <th scope="row">
              <Link to={`/?place=${u.placeId}`}>{nameOf(u)}</Link>
            </th>
            <td>{u.established}</td>
            <td>{u.new}</td>
            <td>{u.residents}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
