/**
 * Builds the add-in into dist/addin, which the sync server serves (same origin as the API):
 *   taskpane.html + its script (the five panes), commands.html (the ribbon's function file),
 *   manifest.xml and assets/ copied alongside.
 * TypeScript is compiled by esbuild-loader (tsc only type-checks in this project). exceljs is reached
 * only through a dynamic import in the browser host, so it lands in its own chunk that Excel never loads.
 * A production build prints the gzipped size of what the task pane loads inside Excel and fails above
 * the 200 KB budget (issue 5).
 *   npx webpack --mode production           build
 *   npx webpack --mode development --watch  rebuild on change
 */
const path = require('node:path');
const zlib = require('node:zlib');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const { EsbuildPlugin } = require('esbuild-loader');

const BUDGET_GZIP = 200 * 1024;

/** Sums the gzipped size of the initial JS and CSS of the task pane entry; fails the build over budget. */
class BundleBudgetPlugin {
  apply(compiler) {
    compiler.hooks.afterEmit.tap('BundleBudgetPlugin', (compilation) => {
      if (compiler.options.mode !== 'production') return;
      const entry = compilation.entrypoints.get('taskpane');
      if (!entry) return;
      const files = [...new Set(entry.chunks.flatMap((c) => [...c.files]))].filter((f) => /\.(js|css)$/.test(f));
      let total = 0;
      const rows = files.map((f) => {
        // After emit webpack keeps only sizes in memory: measure the file as served.
        const gz = zlib.gzipSync(require('node:fs').readFileSync(path.join(compiler.options.output.path, f)), { level: 9 }).length;
        total += gz;
        return `  ${f.padEnd(36)} ${(gz / 1024).toFixed(1).padStart(7)} KB gzip`;
      });
      const line = `task pane loads ${(total / 1024).toFixed(1)} KB gzipped JavaScript/CSS (budget ${BUDGET_GZIP / 1024} KB, office.js apart)`;
      // Machine-readable for the test and the bench.
      require('node:fs').writeFileSync(path.join(compiler.options.output.path, 'bundle-size.json'), JSON.stringify({ files, gzipBytes: total, budget: BUDGET_GZIP }));
      console.log([line, ...rows].join('\n'));
      if (total > BUDGET_GZIP) compilation.errors.push(new Error(`${line}: over budget`));
    });
  }
}

module.exports = (_env, argv) => {
  const production = argv.mode === 'production';
  return {
    mode: production ? 'production' : 'development',
    devtool: production ? 'source-map' : 'eval-source-map',
    context: __dirname,
    entry: {
      taskpane: './addin/taskpane/index.tsx',
      commands: './addin/commands/commands.ts',
    },
    output: {
      path: path.resolve(__dirname, 'dist/addin'),
      filename: production ? '[name].[contenthash:8].js' : '[name].js',
      chunkFilename: production ? '[name].[contenthash:8].js' : '[name].js',
      publicPath: '',
      clean: true,
    },
    resolve: {
      extensions: ['.tsx', '.ts', '.js'],
      // Node built-ins that exceljs's browser build or shared/ might name: never wanted in the page.
      fallback: { fs: false, path: false, crypto: false, stream: false },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          loader: 'esbuild-loader',
          options: { target: 'es2020', jsx: 'automatic', jsxImportSource: 'preact' },
        },
        { test: /\.css$/, type: 'asset/source' },
      ],
    },
    performance: { hints: false },
    optimization: {
      splitChunks: false,
      // esbuild minifies in a fraction of terser's time; exceljs ships minified already.
      minimizer: [new EsbuildPlugin({ target: 'es2020', exclude: /exceljs/ })],
    },
    plugins: [
      new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './addin/taskpane/taskpane.html', chunks: ['taskpane'] }),
      new HtmlWebpackPlugin({ filename: 'commands.html', template: './addin/commands/commands.html', chunks: ['commands'] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'manifest.xml', to: 'manifest.xml' },
          { from: 'assets', to: 'assets' },
        ],
      }),
      new BundleBudgetPlugin(),
    ],
    stats: production ? 'errors-warnings' : 'minimal',
    watchOptions: { ignored: /node_modules|dist/ },
  };
};
