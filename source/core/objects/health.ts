// How a row looks at a glance: fine, on its way (or not yet ready), or broken.
export type Health = 'ok' | 'pending' | 'failing';
