import { createContext, useContext } from 'react';
import type { Aws } from './aws.js';

export const AwsContext = createContext<Aws | null>(null);

/** The signed-in person's AWS clients; pages are rendered only when someone is signed in. */
export function useAws(): Aws {
  const aws = useContext(AwsContext);
  if (!aws) throw new Error('useAws outside a signed-in console');
  return aws;
}
