// KERN UX: styles, fonts and the <kern-kopfzeile> web component. The package declares itself
// free of side effects, so these imports are kept alive by the `kern-side-effects` plugin in
// vite.config.ts (and the CSS is imported by path, not through the package's main entry).
import '@kern-ux/native/dist/kern.min.css';
import '@kern-ux/native/dist/fonts/fira-sans.css';
import '@kern-ux/native/dist/js/kern-kopfzeile.js';
import './app.css';
