// The signed-in person's inbox as the frame reads it: the unread count beside the menu's link,
// asked when the page opens, every minute, and again after anything the page changes.
import { useQuery } from '@tanstack/react-query';

import { graphql } from './api';

export const UNREAD = `query Unread { inbox { unreadCount } }`;

/** How many notifications are unread; undefined while unknown, or for an account with no inbox. */
export function useUnreadCount(): number | undefined {
  const query = useQuery({
    queryKey: [UNREAD, {}],
    queryFn: () => graphql<{ inbox: { unreadCount: number } }>(UNREAD),
    refetchInterval: 60_000,
    // An account bound to nothing has no inbox: no badge, and nothing to try again.
    retry: false,
  });
  return query.data?.inbox.unreadCount;
}
