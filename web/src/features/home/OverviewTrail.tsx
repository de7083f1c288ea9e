import { Breadcrumb } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Me } from '../../api/types';
import { nameOf } from '../../i18n';
import { placeQuery } from '../places/queries';
import { canSeeFiguresOf, homePlace } from './scope';

/** Where in the tree the figures are from, with a way back up as far as one's own places reach. */
export function OverviewTrail({ me, placeId }: { me: Me; placeId: string | null }) {
  const { t } = useTranslation();
  const place = useQuery(placeQuery(placeId));
  const trail = place.data ? [...place.data.ancestors, place.data.place].filter((p) => canSeeFiguresOf(me, p.path)) : [];
  const last = trail.length - 1;
  const items = trail.map((p, i) => ({ key: p.id, title: i === last ? nameOf(p) : <Link to={`/?place=${p.id}`}>{nameOf(p)}</Link> }));
  // Who serves several places, or everywhere, starts from all of them.
  if (homePlace(me) === null) items.unshift({ key: 'all', title: placeId ? <Link to="/">{t('home.allMyPlaces')}</Link> : t('home.allMyPlaces') });
  // A single step has nowhere to go back to; the heading below already names the place.
  return items.length > 1 ? <Breadcrumb items={items} aria-label={t('home.where')} /> : null;
}
