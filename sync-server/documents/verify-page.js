// The /verifikasi page's file check (served as /verifikasi/periksa-berkas.js; verify.ts). The chosen
// file's SHA-256 is computed here, in the browser — the page's CSP has connect-src 'none', so the file
// cannot leave the phone or PC — and compared with the issued hashes the page lists
// (data-sha256). Every message comes from the page itself (data-* of #periksa-berkas), in the page's
// language. Without JavaScript the section stays hidden and the hash form (?sha256=) does the job.
// crypto.subtle exists only in a secure context (https or localhost); on plain http the small SHA-256
// below is used instead.
(function () {
  'use strict';
  var box = document.getElementById('periksa-berkas');
  var input = document.getElementById('berkas');
  var out = document.getElementById('hasil-berkas');
  if (!box || !input || !out || !window.FileReader) return;
  var issued = Array.prototype.map.call(document.querySelectorAll('[data-sha256]'), function (el) {
    return String(el.getAttribute('data-sha256')).toLowerCase();
  });
  var say = function (key) {
    return box.getAttribute('data-' + key) || '';
  };
  // The file name goes in as text (a function replacer: a name with "$&" stays as written).
  var fill = function (key, name) {
    return say(key).replace('{berkas}', function () {
      return name;
    });
  };
  var MAX = 50 * 1024 * 1024;

  function hex(buf) {
    var b = new Uint8Array(buf);
    var s = '';
    for (var i = 0; i < b.length; i++) s += (b[i] < 16 ? '0' : '') + b[i].toString(16);
    return s;
  }

  // FIPS 180-4 SHA-256, for browsers without crypto.subtle (plain http).
  var K = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
  ];
  function sha256Js(buf) {
    var data = new Uint8Array(buf);
    var len = data.length;
    var blocks = Math.ceil((len + 9) / 64);
    var m = new Uint8Array(blocks * 64);
    m.set(data);
    m[len] = 0x80;
    var bits = len * 8;
    var dv = new DataView(m.buffer);
    dv.setUint32(m.length - 8, Math.floor(bits / 0x100000000));
    dv.setUint32(m.length - 4, bits >>> 0);
    var h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    var w = new Uint32Array(64);
    for (var off = 0; off < m.length; off += 64) {
      for (var t = 0; t < 16; t++) w[t] = dv.getUint32(off + t * 4);
      for (t = 16; t < 64; t++) {
        var x = w[t - 15];
        var y = w[t - 2];
        var s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
        var s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
        w[t] = (w[t - 16] + s0 + w[t - 7] + s1) >>> 0;
      }
      var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
      for (t = 0; t < 64; t++) {
        var S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
        var t1 = (k + S1 + ((e & f) ^ (~e & g)) + K[t] + w[t]) >>> 0;
        var S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
        var t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
        k = g; g = f; f = e; e = (d + t1) >>> 0; d = c; c = b; b = a; a = (t1 + t2) >>> 0;
      }
      h[0] = (h[0] + a) >>> 0; h[1] = (h[1] + b) >>> 0; h[2] = (h[2] + c) >>> 0; h[3] = (h[3] + d) >>> 0;
      h[4] = (h[4] + e) >>> 0; h[5] = (h[5] + f) >>> 0; h[6] = (h[6] + g) >>> 0; h[7] = (h[7] + k) >>> 0;
    }
    var outHex = '';
    for (var i = 0; i < 8; i++) outHex += ('00000000' + h[i].toString(16)).slice(-8);
    return outHex;
  }

  function digest(buf) {
    var subtle = window.crypto && window.crypto.subtle;
    if (subtle && subtle.digest) return subtle.digest('SHA-256', buf).then(hex);
    return Promise.resolve(sha256Js(buf));
  }

  function show(kind, title, detail, hash) {
    out.className = 'kartu ' + (kind === 'ok' ? 'ok' : kind === 'no' ? 'tidak' : 'info');
    out.textContent = '';
    var b = document.createElement('b');
    b.className = kind === 'ok' ? 'status-ok' : kind === 'no' ? 'status-no' : '';
    b.textContent = title;
    out.appendChild(b);
    if (detail) out.appendChild(document.createTextNode(' ' + detail));
    if (hash) {
      var h = document.createElement('span');
      h.className = 'hash';
      h.textContent = hash;
      out.appendChild(document.createElement('br'));
      out.appendChild(document.createTextNode(say('hash-label') + ' '));
      out.appendChild(h);
    }
    out.hidden = false;
  }

  input.addEventListener('change', function () {
    var file = input.files && input.files[0];
    if (!file) return;
    if (file.size > MAX) {
      show('no', say('too-big'), file.name, null);
      return;
    }
    show('info', say('reading'), file.name, null);
    var reader = new FileReader();
    reader.onerror = function () {
      show('no', say('unreadable'), file.name, null);
    };
    reader.onload = function () {
      digest(reader.result).then(
        function (h) {
          var field = document.getElementById('sha256');
          if (field) field.value = h;
          if (issued.indexOf(h) >= 0) show('ok', say('match'), fill('match-detail', file.name), h);
          else show('no', say('no-match'), fill('no-match-detail', file.name), h);
        },
        function () {
          show('no', say('unreadable'), file.name, null);
        },
      );
    };
    reader.readAsArrayBuffer(file);
  });
  box.hidden = false;
})();
