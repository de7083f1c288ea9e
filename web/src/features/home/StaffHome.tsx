import { Card, Col, Row, Space, Spin, Statistic, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api, query } from '../../api/client';
import type { Me, Overview } from '../../api/types';
import { failure } from '../../app/StatusPage';
import { nameOf } from '../../i18n';
import { Counts } from './Counts';
import { OverviewTrail } from './OverviewTrail';
import { UnitTable } from './UnitTable';
import { homePlace } from './scope';

const OverviewChart = lazy(() => import('./OverviewChart'));

/**
 * The first page of every staff role: their roles and places, and the figures of those places,
 * one level down at a time (`?place=` in the address, so a view can be shared and reloaded).
 */
export default function StaffHome({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const placeId = params.get('place') ?? homePlace(me);
  const overview = useQuery({ queryKey: ['overview', placeId], queryFn: () => api.get<Overview>(`/api/stats/overview${query({ placeId })}`) });
  return (
    <div className="stack">
      <Typography.Title level={1} style={{ fontSize: '1.6em', margin: 0 }}>
        {t('auth.welcome', { name: me.displayName })}
      </Typography.Title>
      <Space wrap aria-label={t('home.yourRoles')} data-testid="roles">
        {me.grants.map((g) => (
          <Tag key={`${g.role}${g.placeId}`} color="blue" style={{ fontSize: '0.95em', padding: '2px 8px' }}>
            {t(`roles.${g.role}`)} · {g.placeId ? nameOf({ nameZh: g.placeNameZh, nameEn: g.placeNameEn }) : t('common.everywhere')}
          </Tag>
        ))}
      </Space>
      <OverviewTrail me={me} placeId={placeId} />
      {overview.isPending && (
        <Spin description={t('common.loading')}>
          <div style={{ height: 120 }} />
        </Spin>
      )}
      {overview.isError && failure(overview.error, () => void overview.refetch())}
      {overview.data && <Figures overview={overview.data} />}
    </div>
  );
}

function Figures({ overview }: { overview: Overview }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const open = useCallback((placeId: string) => void navigate(`/?place=${placeId}`), [navigate]);
  const figures = [
    ['home.residents', overview.residents],
    ['home.households', overview.households],
    ['home.established', overview.established],
    ['home.newResidents', overview.new],
    ['home.partyMembers', overview.partyMembers],
    ['home.places', overview.places],
  ] as const;
  return (
    <>
      <section aria-labelledby="staff-title">
        <Typography.Title level={2} id="staff-title" style={{ fontSize: '1.2em' }}>
          {overview.place ? `${t('home.staffTitle')} · ${nameOf(overview.place)}` : t('home.staffTitle')}
        </Typography.Title>
        <Row gutter={[12, 12]}>
          {figures.map(([label, value]) => (
            <Col xs={12} sm={8} lg={4} key={label}>
              <Card size="small">
                <Statistic title={t(label)} value={value} />
              </Card>
            </Col>
          ))}
        </Row>
      </section>
      {overview.units.length > 0 && (
        <Card title={<h2 style={{ margin: 0, fontSize: '1em' }}>{t('home.byUnit')}</h2>}>
          <Suspense fallback={<div style={{ height: 320 }} />}>
            <OverviewChart units={overview.units} onOpen={open} />
          </Suspense>
          <UnitTable units={overview.units} />
        </Card>
      )}
      <Row gutter={[12, 12]}>
        <Col xs={24} md={12}>
          <Card title={<h2 style={{ margin: 0, fontSize: '1em' }}>{t('home.byAge')}</h2>}>
            <Counts counts={overview.byAgeGroup} label={(key) => key} />
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card title={<h2 style={{ margin: 0, fontSize: '1em' }}>{t('home.byVulnerable')}</h2>}>
            <Counts counts={overview.byVulnerableGroup} label={(key) => t(`vulnerable.${key}`)} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
