// Tencent's official Node.js SDK (unchanged, its own signer) against the emulator's batch processing jobs
// (/inventorytriggerjob): create a QualityEstimate batch over a prefix with cos.request, read it back (describe, list by
// name), list the jobs it created (GET /jobs?queueId=&inventoryTriggerJobId=, the batch's queue), and cancel it. Exits non-zero on the first failure.
// Run through ../run-node-sdk.sh.
const COS = require('cos-nodejs-sdk-v5');

const host = process.env.EMULATOR_HOST || '127.0.0.1:10997';
const Bucket = 'examplebucket-1250000000';
const Region = 'ap-guangzhou';
const cos = new COS({ SecretId: 'AKIDEMULATOR00000000000000000000', SecretKey: 'emulatorSecretKey000000000000000', Protocol: 'http:', Domain: host });
const ci = new COS({ SecretId: 'AKIDEMULATOR00000000000000000000', SecretKey: 'emulatorSecretKey000000000000000', Protocol: 'http:' });

const call = (client, method, params) => new Promise((resolve, reject) =>
  client[method]({ Bucket, Region, ...params }, (err, data) => (err ? reject(new Error(`${method} ${params.Method || ''} ${params.Url || params.Key} failed: ${JSON.stringify(err).slice(0, 400)}`)) : resolve(data))));
const check = (condition, message) => { if (!condition) { throw new Error(message); } console.log('ok', message); };
const list = (value) => (Array.isArray(value) ? value : value ? [value] : []);

async function main() {
  const keys = ['interop-batch/a.mp4', 'interop-batch/b.mp4', 'interop-batch/c.mp4'];
  for (const Key of keys) {
    await call(cos, 'putObject', { Key, Body: Buffer.from('not a video') });
  }

  const name = `node-sdk-${Date.now()}`;
  const body = COS.util.json2xml({
    Request: { Name: name, Type: 'Job', Input: { Prefix: 'interop-batch/' }, Operation: { Tag: 'QualityEstimate', UserData: 'from-node', JobLevel: '1' } },
  });
  const created = await call(ci, 'request', { Method: 'POST', Url: `http://${host}/inventorytriggerjob`, Key: 'inventorytriggerjob', ContentType: 'application/xml', Body: body });
  const batch = created.Response.JobsDetail;
  check(/^b[0-9a-f]+$/.test(batch.JobId) && batch.Name === name && batch.Type === 'Job', `created batch ${batch.JobId} named ${batch.Name}`);

  const described = await call(ci, 'request', { Method: 'GET', Url: `http://${host}/inventorytriggerjob/${batch.JobId}`, Key: `inventorytriggerjob/${batch.JobId}` });
  check(described.Response.JobsDetail.JobId === batch.JobId && described.Response.JobsDetail.Input.Prefix === 'interop-batch/', `described batch ${batch.JobId} (${described.Response.JobsDetail.State})`);

  const missing = await call(ci, 'request', { Method: 'GET', Url: `http://${host}/inventorytriggerjob/b0000000000000000000000000000dead`, Key: 'inventorytriggerjob/b0000000000000000000000000000dead' });
  check(list(missing.Response.NonExistJobIds).includes('b0000000000000000000000000000dead'), 'an unknown batch is listed in NonExistJobIds');

  const byName = await call(ci, 'request', { Method: 'GET', Url: `http://${host}/inventorytriggerjob`, Key: 'inventorytriggerjob', Query: { name, size: '100', type: 'Job' } });
  check(list(byName.Response.JobsDetail).length === 1 && list(byName.Response.JobsDetail)[0].JobId === batch.JobId, 'listing by name finds exactly this batch');

  const jobs = await call(ci, 'request', { Method: 'GET', Url: `http://${host}/jobs`, Key: 'jobs', Query: { tag: 'QualityEstimate', queueId: described.Response.JobsDetail.QueueId, inventoryTriggerJobId: batch.JobId, size: '100', orderByTime: 'Asc' } });
  const details = list(jobs.Response.JobsDetail);
  check(details.length === 3 && details.map((j) => j.Input.Object).join(',') === keys.join(','), `the batch created ${details.length} QualityEstimate jobs, one per object`);
  check(details.every((j) => j.Tag === 'QualityEstimate' && j.Operation.UserData === 'from-node'), 'each job carries the batch operation (tag, user data)');

  await call(ci, 'request', { Method: 'PUT', Url: `http://${host}/inventorytriggerjob/${batch.JobId}`, Key: `inventorytriggerjob/${batch.JobId}`, Action: 'cancel' });
  const canceled = await call(ci, 'request', { Method: 'GET', Url: `http://${host}/inventorytriggerjob/${batch.JobId}`, Key: `inventorytriggerjob/${batch.JobId}` });
  check(canceled.Response.JobsDetail.State === 'Cancel', 'the canceled batch reads Cancel');
}

main().catch((error) => { console.error(error.message); process.exit(1); });
