// Tencent's official Node.js SDK (unchanged, its own signer) against the emulator's GetSnapshot
// (GET /<key>?ci-process=snapshot, CI's synchronous frame API): fetched through cos.request with the document's query
// parameters, then checked to be a PNG or JPEG picture of the requested size (magic bytes and IHDR/SOF0). With
// SNAPSHOT_VIDEO set (an emulator started with --analysis), the frame is the uploaded video's real frame (no
// x-cosqe-simulated header); otherwise it is the hermetic placeholder (x-cosqe-simulated: true). Also NoSuchKey for a
// missing key and a 403 for a wrong SecretKey. Exits non-zero on the first failure. Run through ../run-node-sdk.sh.
const fs = require('fs');
const COS = require('cos-nodejs-sdk-v5');

const host = process.env.EMULATOR_HOST || '127.0.0.1:10997';
const video = process.env.SNAPSHOT_VIDEO || '';
const Bucket = 'examplebucket-1250000000';
const Region = 'ap-guangzhou';
const SecretId = 'AKIDEMULATOR00000000000000000000';
const cos = new COS({ SecretId, SecretKey: 'emulatorSecretKey000000000000000', Protocol: 'http:', Domain: host });
const wrong = new COS({ SecretId, SecretKey: 'wrongSecretKey000000000000000000', Protocol: 'http:', Domain: host });

const call = (client, method, params) => new Promise((resolve, reject) =>
  client[method]({ Bucket, Region, ...params }, (err, data) => (err ? reject(Object.assign(new Error(`${method} failed: ${JSON.stringify(err).slice(0, 400)}`), { cosError: err })) : resolve(data))));
const check = (condition, message) => { if (!condition) { throw new Error(message); } console.log('ok', message); };

const snapshot = (client, Key, Query) => call(client, 'request', { Method: 'GET', Key, Query: { 'ci-process': 'snapshot', ...Query }, RawBody: true });

// The picture's size from its header: PNG IHDR, or the JPEG SOF0..SOF3 segment.
function pictureSize(buffer) {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (buffer.length > 24 && buffer.subarray(0, 8).equals(png) && buffer.toString('ascii', 12, 16) === 'IHDR') {
    return { format: 'png', width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) };
  }
  if (buffer.length > 4 && buffer[0] === 0xff && buffer[1] === 0xd8 && buffer[2] === 0xff && buffer[buffer.length - 2] === 0xff && buffer[buffer.length - 1] === 0xd9) {
    for (let i = 2; i + 9 < buffer.length;) {
      if (buffer[i] !== 0xff) break;
      const marker = buffer[i + 1];
      const length = buffer.readUInt16BE(i + 2);
      if (marker >= 0xc0 && marker <= 0xc3) {
        return { format: 'jpg', width: buffer.readUInt16BE(i + 7), height: buffer.readUInt16BE(i + 5) };
      }
      i += 2 + length;
    }
  }
  return null;
}

async function main() {
  const Key = 'interop-snapshot/clip.mp4';
  await call(cos, 'putObject', { Key, Body: video ? fs.readFileSync(video) : Buffer.from('not a video: the hermetic emulator answers a placeholder') });

  for (const [format, width, height] of [['png', 64, 36], ['jpg', 100, 50], ['jpg', 160, 0]]) {
    const answer = await snapshot(cos, Key, { time: '1.5', format, width: String(width), height: String(height), rotate: 'auto', mode: 'exactframe' });
    const size = pictureSize(answer.Body);
    const simulated = (answer.headers || {})['x-cosqe-simulated'];
    check(size !== null && size.format === format, `the ${format} snapshot decodes as ${format} (${answer.Body.length} bytes, ${answer.headers['content-type']})`);
    check(size.width === width && (height === 0 ? size.height > 0 : size.height === height), `the ${format} snapshot is ${size.width}x${size.height} as asked (${width}x${height})`);
    check(video ? simulated === undefined : simulated === 'true', video ? 'the frame is the video\'s own (no x-cosqe-simulated)' : 'the placeholder says x-cosqe-simulated: true');
  }

  try {
    await snapshot(cos, 'interop-snapshot/none.mp4', { time: '1' });
    throw new Error('a snapshot of a missing key succeeded');
  } catch (error) {
    check(error.cosError && error.cosError.statusCode === 404 && error.cosError.code === 'NoSuchKey', 'a missing key is 404 NoSuchKey');
  }

  try {
    await snapshot(wrong, Key, { time: '1' });
    throw new Error('a snapshot signed with a wrong SecretKey succeeded');
  } catch (error) {
    check(error.cosError && error.cosError.statusCode === 403, 'a wrong SecretKey is refused with 403');
  }

  if (video) {
    try {
      await snapshot(cos, Key, { time: '100000' });
      throw new Error('a snapshot past the end succeeded');
    } catch (error) {
      check(error.cosError && error.cosError.statusCode === 400 && error.cosError.code === 'InvalidArgument', 'a time past the end is 400 InvalidArgument');
    }
  }
}

main().catch((error) => { console.error(error.message); process.exit(1); });
