'use client';

import { parseAsString, useQueryState } from 'nuqs';
import { useRuntimeConfig } from '@/components/nats/nats-provider';

/** The stream every page works on: `?stream=` in the URL, else the configured default. */
export function useStreamName(): [string, (name: string | null) => void] {
  const config = useRuntimeConfig();
  const [stream, setStream] = useQueryState('stream', parseAsString);
  return [stream || config.stream, (n) => void setStream(n === config.stream ? null : n)];
}
