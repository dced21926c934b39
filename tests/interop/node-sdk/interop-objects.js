// Tencent's official Node.js SDK (unchanged) against the emulator's object API: putObject, sliceUploadFile (multipart,
// including resuming an upload it left unfinished), headObject, getBucket with paging, deleteObject, and a 403 for a
// wrong SecretKey. Exits non-zero on the first failure. Run through ../run-node-sdk.sh.
const COS = require('cos-nodejs-sdk-v5');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const host = process.env.EMULATOR_HOST || '127.0.0.1:10997';
const Bucket = 'examplebucket-1250000000';
const Region = 'ap-guangzhou';
const SecretId = 'AKIDEMULATOR00000000000000000000';
const cos = new COS({ SecretId, SecretKey: 'emulatorSecretKey000000000000000', Protocol: 'http:', Domain: host });
const wrong = new COS({ SecretId, SecretKey: 'wrongSecretKey000000000000000000', Protocol: 'http:', Domain: host });
const MB = 1024 * 1024;

const call = (client, method, params) => new Promise((resolve, reject) =>
  client[method]({ Bucket, Region, ...params }, (err, data) => (err ? reject(Object.assign(new Error(`${method} failed: ${JSON.stringify(err).slice(0, 400)}`), { cosError: err })) : resolve(data))));
const md5 = (buffer) => crypto.createHash('md5').update(buffer).digest('hex');
const check = (condition, message) => { if (!condition) { throw new Error(message); } console.log('ok', message); };

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cosqe-interop-'));
  try {
    // putObject: simple upload, ETag is the MD5.
    const small = crypto.randomBytes(200 * 1024);
    const put = await call(cos, 'putObject', { Key: 'interop/small.bin', Body: small });
    check(put.ETag === `"${md5(small)}"`, `putObject ETag ${put.ETag} is the MD5`);

    // sliceUploadFile: multipart in 1 MB parts; ETag in the multipart form.
    const bigPath = path.join(dir, 'big.bin');
    const big = crypto.randomBytes(3 * MB + 4321);
    fs.writeFileSync(bigPath, big);
    const sliced = await call(cos, 'sliceUploadFile', { Key: 'interop/big.bin', FilePath: bigPath, SliceSize: MB, ChunkSize: MB });
    check(/^"[0-9a-f]{32}-4"$/.test(sliced.ETag), `sliceUploadFile ETag ${sliced.ETag} has the multipart form`);

    // Resume: an upload with part 1 already stored; sliceUploadFile finds it (List Multipart Uploads, List Parts) and finishes it.
    const resumePath = path.join(dir, 'resume.bin');
    const resume = crypto.randomBytes(2 * MB + 10);
    fs.writeFileSync(resumePath, resume);
    const init = await call(cos, 'multipartInit', { Key: 'interop/resume.bin' });
    await call(cos, 'multipartUpload', { Key: 'interop/resume.bin', UploadId: init.UploadId, PartNumber: 1, Body: resume.subarray(0, MB) });
    const listed = await call(cos, 'multipartList', { Prefix: 'interop/resume.bin' });
    check(listed.Upload.some((u) => u.UploadId === init.UploadId), 'multipartList shows the unfinished upload');
    const parts = await call(cos, 'multipartListPart', { Key: 'interop/resume.bin', UploadId: init.UploadId });
    check(parts.Part.length === 1 && parts.Part[0].ETag === `"${md5(resume.subarray(0, MB))}"`, 'multipartListPart shows part 1 with its MD5');
    await call(cos, 'sliceUploadFile', { Key: 'interop/resume.bin', FilePath: resumePath, SliceSize: MB, ChunkSize: MB });
    const after = await call(cos, 'multipartList', { Prefix: 'interop/resume.bin' });
    check((after.Upload || []).length === 0, 'sliceUploadFile completed the unfinished upload (none left)');

    // headObject.
    const head = await call(cos, 'headObject', { Key: 'interop/big.bin' });
    check(Number(head.headers['content-length']) === big.length && head.ETag === sliced.ETag, `headObject: ${head.headers['content-length']} bytes, ETag ${head.ETag}`);
    const got = await call(cos, 'getObject', { Key: 'interop/resume.bin' });
    check(md5(got.Body) === md5(resume), 'getObject returns the resumed file byte for byte');

    // getBucket with paging (MaxKeys 1, Marker = NextMarker).
    const keys = [];
    let Marker = '';
    for (let page = 0; page < 10; page++) {
      const listing = await call(cos, 'getBucket', { Prefix: 'interop/', MaxKeys: 1, Marker });
      keys.push(...listing.Contents.map((c) => c.Key));
      if (listing.IsTruncated !== 'true') { break; }
      Marker = listing.NextMarker;
    }
    check(JSON.stringify(keys) === JSON.stringify(['interop/big.bin', 'interop/resume.bin', 'interop/small.bin']), `getBucket pages: ${keys.join(', ')}`);

    // deleteObject, then headObject is 404.
    await call(cos, 'deleteObject', { Key: 'interop/small.bin' });
    const gone = await call(cos, 'headObject', { Key: 'interop/small.bin' }).then(() => null, (e) => e.cosError);
    check(gone && gone.statusCode === 404, 'deleteObject removed the object (headObject 404)');

    // A wrong SecretKey is refused with 403.
    const refused = await call(wrong, 'putObject', { Key: 'interop/denied.bin', Body: small }).then(() => null, (e) => e.cosError);
    check(refused && refused.statusCode === 403, `wrong SecretKey refused with ${refused && refused.statusCode} ${refused && refused.code}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(() => { console.log('object interop passed'); process.exit(0); }, (e) => { console.error(e.message); process.exit(1); });
