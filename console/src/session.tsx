/** Who is signed in, which station they act for, what the server offers, and the live shortage alerts. */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Provider, useQuery, useSubscription, type CombinedError } from 'urql';
import { createApiClient, loadCapabilities, type ApiClient, type WsState } from './api/client';
import { STATIONS, SHORTAGE_ALERTS } from './api/ops';
import type { Session } from './auth';

export interface Bin { id: string; code: string; quarantine: boolean }
export interface Warehouse { id: string; code: string; name: string; bins: Bin[] }
export interface Station { id: string; code: string; name: string; region?: string; warehouses: Warehouse[] }

export interface LiveAlert {
  receivedAt: string;
  available: number;
  reorderPoint: number | null;
  shortage: { id: string; kind: string; quantity: number; openedAt: string; part: { id: string; partNo: string; name: string; nameEn?: string }; station: { id: string; code: string; name: string }; repairOrder?: { id: string; number: string } | null };
}

interface Ctx {
  session: Session;
  api: ApiClient;
  caps: Set<string> | undefined;
  stationId: string | undefined;
  setStationId(id: string | undefined): void;
  stations: Station[];
  station: Station | undefined;
  stationsError?: CombinedError;
  alerts: LiveAlert[];
  unseen: number;
  markSeen(): void;
  alertsError?: CombinedError;
  wsState: WsState;
  signOut(): void;
}

const SessionContext = createContext<Ctx | null>(null);
export const useSession = (): Ctx => {
  const c = useContext(SessionContext);
  if (!c) throw new Error('useSession outside SessionProvider');
  return c;
};

export function SessionProvider({ session, onSignOut, children }: { session: Session; onSignOut(): void; children: ReactNode }) {
  const [wsState, setWsState] = useState<WsState>('closed');
  const api = useMemo(() => createApiClient(session.token, setWsState), [session.token]);
  useEffect(() => () => api.dispose(), [api]);
  const [caps, setCaps] = useState<Set<string>>();
  useEffect(() => {
    let live = true;
    loadCapabilities(api.client).then((c) => live && setCaps(c), () => live && setCaps(new Set()));
    return () => {
      live = false;
    };
  }, [api]);
  return (
    <Provider value={api.client}>
      <Inner session={session} api={api} caps={caps} wsState={wsState} onSignOut={onSignOut}>
        {children}
      </Inner>
    </Provider>
  );
}

const HQ_STATION_KEY = 'partsgraph.hqStation';

function Inner({ session, api, caps, wsState, onSignOut, children }: { session: Session; api: ApiClient; caps?: Set<string>; wsState: WsState; onSignOut(): void; children: ReactNode }) {
  const [hqStation, setHqStation] = useState<string | undefined>(() => localStorage.getItem(HQ_STATION_KEY) || undefined);
  const stationId = session.stationId ?? hqStation;
  const [stationsR] = useQuery<{ stations: Station[] }>({ query: STATIONS });
  const stations = stationsR.data?.stations ?? [];
  const station = stations.find((s) => s.id === stationId);

  const [alerts, setAlerts] = useState<LiveAlert[]>([]);
  const [unseen, setUnseen] = useState(0);
  const subscriptionReady = caps !== undefined && (caps.size === 0 || caps.has('Subscription.shortageAlerts'));
  const [sub] = useSubscription<{ shortageAlerts: Omit<LiveAlert, 'receivedAt'> }>(
    { query: SHORTAGE_ALERTS, variables: { stationId: stationId ?? null }, pause: !subscriptionReady },
  );
  useEffect(() => {
    const a = sub.data?.shortageAlerts;
    if (!a) return;
    setAlerts((prev) => [{ ...a, receivedAt: new Date().toISOString() }, ...prev.filter((p) => p.shortage.id !== a.shortage.id)].slice(0, 200));
    setUnseen((n) => n + 1);
  }, [sub.data]);
  useEffect(() => {
    setAlerts([]);
    setUnseen(0);
  }, [stationId]);

  const value: Ctx = {
    session,
    api,
    caps,
    stationId,
    setStationId: (id) => {
      if (id) localStorage.setItem(HQ_STATION_KEY, id);
      else localStorage.removeItem(HQ_STATION_KEY);
      setHqStation(id);
    },
    stations,
    station,
    stationsError: stationsR.error,
    alerts,
    unseen,
    markSeen: () => setUnseen(0),
    alertsError: sub.error,
    wsState,
    signOut: onSignOut,
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
