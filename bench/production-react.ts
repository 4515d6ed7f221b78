// React's development build records a performance track per component render; kconsole runs
// the production build (see source/commands/console.tsx). Imported first, before React loads.
process.env.NODE_ENV ??= 'production';
