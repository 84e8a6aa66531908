/** Location → component map: each host location the app is installed in renders one component. */
import type { FunctionComponent } from 'preact';
import { translator } from '../i18n/translate';
import type { KeyValueStore } from '../data/load-policy';
import { HostProvider, useHost } from './host-provider';
import { TicketSidebar } from './ticket-sidebar';
import type { SidebarClock } from './use-now';
import type { HostApi } from '../host/host-api';

interface LocationProps {
  clock: SidebarClock;
  store: KeyValueStore | null;
}

function TicketSidebarLocation(props: LocationProps) {
  return <TicketSidebar host={useHost()} clock={props.clock} store={props.store} />;
}

export const LOCATIONS: Record<string, FunctionComponent<LocationProps>> = {
  ticket_sidebar: TicketSidebarLocation,
};

export function SidebarApp(props: LocationProps & { location: string; connect: () => Promise<HostApi> }) {
  const View = LOCATIONS[props.location];
  if (!View)
    return (
      <div role="alert" class="cd-banner cd-error">
        {translator('en')('unknown.location', { location: props.location })}
      </div>
    );
  return (
    <HostProvider connect={props.connect}>
      <View clock={props.clock} store={props.store} />
    </HostProvider>
  );
}
