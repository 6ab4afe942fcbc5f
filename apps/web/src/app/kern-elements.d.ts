import type { DetailedHTMLProps, HTMLAttributes } from 'react';

// <kern-kopfzeile> is a custom element registered by @kern-ux/native.
declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'kern-kopfzeile': DetailedHTMLProps<HTMLAttributes<HTMLElement>, HTMLElement> & { fluid?: boolean | string };
    }
  }
}
