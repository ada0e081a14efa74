/** Where `serve` gets the add-in's pages: the project's dist/addin, a build of the project, or this installation's built pages. */
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureAddinBuilt, PACKAGE_ROOT } from '../../sync-server/server/addin-build';

describe('serve: where the add-in comes from', () => {
  let dir = '';
  const folder = (name: string, files: string[] = []) => {
    const root = path.join(dir, name);
    mkdirSync(root, { recursive: true });
    for (const f of files) {
      mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
      writeFileSync(path.join(root, f), '');
    }
    return root;
  };
  const run = (root: string, pkg: string) => {
    const lines: string[] = [];
    const got = ensureAddinBuilt(root, (l) => lines.push(l), pkg);
    return { got, lines };
  };
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'mutasi-addin-where-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('the working folder\'s built pages first, silently', () => {
    const root = folder('proyek', ['dist/addin/taskpane.html', 'webpack.config.cjs']);
    const pkg = folder('paket', ['dist/addin/taskpane.html']);
    assert.deepEqual(run(root, pkg), { got: path.join(root, 'dist', 'addin'), lines: [] });
  });

  it('from another folder: the installation\'s built pages', () => {
    const root = folder('data-bkpsdm', ['mutasi.sqlite']);
    const pkg = folder('paket', ['dist/addin/taskpane.html', 'webpack.config.cjs']);
    assert.deepEqual(run(root, pkg), { got: path.join(pkg, 'dist', 'addin'), lines: [] });
  });

  it('from another folder, installation not built: API only, says where to build, builds nothing', () => {
    const root = folder('data-bkpsdm');
    const pkg = folder('paket', ['webpack.config.cjs']);
    const { got, lines } = run(root, pkg);
    assert.equal(got, null);
    assert.deepEqual(lines, [`Add-in belum dibangun di ${pkg}: hanya API yang dilayani. Bangun sekali dengan "npm run build" di folder itu, lalu jalankan ulang server.`]);
    assert.ok(!existsSync(path.join(pkg, 'dist')) && !existsSync(path.join(root, 'dist')), 'no build started');
  });

  it('nothing anywhere: API only, said in one line', () => {
    const root = folder('kosong');
    const { got, lines } = run(root, folder('paket-kosong'));
    assert.equal(got, null);
    assert.deepEqual(lines, ['Berkas add-in (dist/addin) tidak ada dan tidak ada konfigurasi webpack: hanya API yang dilayani.']);
  });

  it('the installation is this repository', () => {
    assert.ok(existsSync(path.join(PACKAGE_ROOT, 'package.json')) && existsSync(path.join(PACKAGE_ROOT, 'manifest.xml')), PACKAGE_ROOT);
  });
});
