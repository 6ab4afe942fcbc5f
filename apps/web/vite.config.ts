import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';

/**
 * @kern-ux/native says `"sideEffects": false`, yet its CSS and kern-kopfzeile.js exist only for
 * their side effects (styles, customElements.define). Without this the bundler drops them and the
 * header bar never renders. Marks exactly those files as having side effects.
 */
function kernSideEffects(): Plugin {
  return {
    name: 'kern-side-effects',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!source.startsWith('@kern-ux/native/')) {
        return null;
      }
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved ? { ...resolved, moduleSideEffects: true } : null;
    },
  };
}

// The workspace packages export TypeScript sources under the `source` condition; resolving it
// lets Vite bundle them directly without a separate build of packages/*.
export default defineConfig({
  plugins: [kernSideEffects(), react()],
  resolve: { conditions: ['source', ...defaultClientConditions] },
  server: {
    port: 5173,
    proxy: { '/api': { target: process.env.VERBUND_API ?? 'http://localhost:3100' } },
  },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1000 },
});
