import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { Household, Resident } from '../../api/types';
import { failure, Loading } from '../../app/StatusPage';
import { nameOf } from '../../i18n';

interface Mine {
  me: Resident;
  household: Household | null;
  members: Resident[];
}

/**
 * A resident's home: large, plain, their own household and nothing of anyone else's. Plain HTML,
 * no component library: it has to load fast on a cheap phone.
 */
export function ResidentHome() {
  const { t } = useTranslation();
  const mine = useQuery({ queryKey: ['my-household'], queryFn: () => api.get<{ mine: Mine | null }>('/api/my/household').then((r) => r.mine) });
  if (mine.isPending) return <Loading />;
  if (mine.isError) return failure(mine.error, () => void mine.refetch());
  if (!mine.data) return <p className="notice">{t('home.notResident')}</p>;
  const { me, household, members } = mine.data;
  return (
    <div className="stack">
      <h1 style={{ fontSize: '1.6em', margin: 0 }}>{t('auth.welcome', { name: me.name })}</h1>
      <nav aria-label={t('home.services')} style={{ display: 'grid', gap: 8, gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 220px), 1fr))' }}>
        <ServiceLink primary to="/report" data-testid="report-link">
          {t('cases.report.title')}
        </ServiceLink>
        <ServiceLink to="/my/requests">
          {t('cases.my.title')}
        </ServiceLink>
        <ServiceLink to="/my/merit">
          {t('merit.link')}
        </ServiceLink>
        <ServiceLink to="/merit/assess">
          {t('merit.assessLink')}
        </ServiceLink>
        <ServiceLink to="/my/polls" data-testid="polls-link">
          {t('nav.myPolls')}
        </ServiceLink>
        <ServiceLink to="/my/deliberation" data-testid="deliberation-link">
          {t('nav.deliberation')}
        </ServiceLink>
      </nav>
      <section className="panel" aria-labelledby="my-record">
        <h2 id="my-record">{t('home.myRecord')}</h2>
        <dl className="facts">
          <dt>{t('home.place')}</dt>
          <dd>{nameOf({ nameZh: me.placeNameZh, nameEn: me.placeNameEn })}</dd>
          <dt>{t('people.residency')}</dt>
          <dd>{t(`residency.${me.residency}`)}</dd>
          <dt>{t('home.phone')}</dt>
          <dd>{me.phoneMasked ?? t('common.none')}</dd>
          <dt>{t('people.idNumber')}</dt>
          <dd>{me.idNumberMasked ?? t('common.none')}</dd>
        </dl>
        <p className="muted" style={{ marginBottom: 0 }}>
          {t('home.privacy')}
        </p>
      </section>
      <section className="panel" aria-labelledby="my-household">
        <h2 id="my-household">{t('home.household')}</h2>
        {household ? (
          <>
            <p>
              {t('home.address')}: {household.address}
            </p>
            <h3 style={{ fontSize: '1em', margin: '0 0 4px' }}>{t('home.members')}</h3>
            <ul className="members" data-testid="members">
              {members.map((member) => (
                <li key={member.id}>
                  <span>
                    {member.name}
                    {member.householdRole ? ` · ${member.householdRole}` : ''}
                  </span>
                  {member.ageGroup && <span className="tag">{member.ageGroup}</span>}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>{t('home.noHousehold')}</p>
        )}
      </section>
      <p className="notice">{t('home.servicesSoon')}</p>
    </div>
  );
}

/** One of the resident's services: a large button that is a link, easy to hit on a phone. */
function ServiceLink({ to, primary, children, ...rest }: { to: string; primary?: boolean; children: React.ReactNode; 'data-testid'?: string }) {
  return (
    <Link className={primary ? 'btn primary' : 'btn'} to={to} style={{ textAlign: 'center', textDecoration: 'none', padding: '12px 16px', fontSize: '1.1em' }} {...rest}>
      {children}
    </Link>
  );
}
