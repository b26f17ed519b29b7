/** Who is signed in, which station they act for, what the server offers, and the live shortage alerts. */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Provider, useQuery, useSubscription, type CombinedError } from 'urql';
import { createApiClient, loadCapabilities, type ApiClient, type WsState } from './api/client';
import { STATIONS, SHORTAGE_ALERTS } from './api/ops';
import type { Session } from './auth';
import type { TokenStore } from './api/tokens';

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

export function SessionProvider({ session, tokens, onSignOut, children }: { session: Session; tokens: TokenStore; onSignOut(): void; children: ReactNode }) {
  const [wsState, setWsState] = useState<WsState>('closed');
  const api = useMemo(() => createApiClient(tokens, setWsState), [tokens]);
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

interface AlertFold {
  station: string | undefined;
  n: number;
  items: LiveAlert[];
}

const HQ_STATION_KEY = 'partsgraph.hqStation';

function Inner({ session, api, caps, wsState, onSignOut, children }: { session: Session; api: ApiClient; caps?: Set<string>; wsState: WsState; onSignOut(): void; children: ReactNode }) {
  const [hqStation, setHqStation] = useState<string | undefined>(() => localStorage.getItem(HQ_STATION_KEY) || undefined);
  const stationId = session.stationId ?? hqStation;
  const [stationsR] = useQuery<{ stations: Station[] }>({ query: STATIONS });
  const stations = stationsR.data?.stations ?? [];
  const station = stations.find((s) => s.id === stationId);

  // Every alert is folded in as it arrives (a resume after a reconnect replays several at once; none may be dropped).
  const [seen, setSeen] = useState({ station: stationId, n: 0 });
  const subscriptionReady = caps !== undefined && (caps.size === 0 || caps.has('Subscription.shortageAlerts'));
  const [sub] = useSubscription<{ shortageAlerts: Omit<LiveAlert, 'receivedAt'> }, AlertFold>(
    { query: SHORTAGE_ALERTS, variables: { stationId: stationId ?? null }, pause: !subscriptionReady },
    (prev, d) => {
      const a = d.shortageAlerts;
      const base = prev && prev.station === stationId ? prev : { station: stationId, n: 0, items: [] };
      return { station: stationId, n: base.n + 1, items: [{ ...a, receivedAt: new Date().toISOString() }, ...base.items.filter((p) => p.shortage.id !== a.shortage.id)].slice(0, 200) };
    },
  );
  const fold = sub.data && sub.data.station === stationId ? sub.data : undefined;
  const alerts = fold?.items ?? [];
  const unseen = Math.max(0, (fold?.n ?? 0) - (seen.station === stationId ? seen.n : 0));

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
    markSeen: () => {
      if (unseen > 0) setSeen({ station: stationId, n: fold?.n ?? 0 });
    },
    alertsError: sub.error,
    wsState,
    signOut: onSignOut,
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
