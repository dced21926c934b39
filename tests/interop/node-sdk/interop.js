// Tencent's official Node.js SDK against the emulator: submit, get, list, cancel, each signed by the SDK's own signer.
// Exits non-zero on the first failure. Run through ../run-node-sdk.sh.
const COS = require('cos-nodejs-sdk-v5');
const cos = new COS({ SecretId: 'AKIDEMULATOR00000000000000000000', SecretKey: 'emulatorSecretKey000000000000000', Protocol: 'http:' });
const host = process.env.EMULATOR_HOST || '127.0.0.1:10997';
const body = COS.util.json2xml({ Request: { Tag: 'QualityEstimate', Input: { Object: 'input/demo.mp4' }, Operation: { QualityEstimateConfig: { Mode: 'vqaPlus' } } } });
cos.request({ Bucket: 'examplebucket-1250000000', Region: 'ap-guangzhou', Method: 'POST', Url: `http://${host}/jobs`, Key: 'jobs', ContentType: 'application/xml', Body: body }, (err, data) => {
  if (err) { console.log('submit error', JSON.stringify(err)); process.exit(1); }
  const id = data.Response.JobsDetail.JobId; console.log('submitted', id, data.Response.JobsDetail.State);
  cos.request({ Bucket: 'examplebucket-1250000000', Region: 'ap-guangzhou', Method: 'GET', Url: `http://${host}/jobs/${id}`, Key: `jobs/${id}` }, (e2, d2) => {
    if (e2) { console.log('get error', JSON.stringify(e2)); process.exit(1); }
    console.log('get', d2.Response.JobsDetail.JobId, d2.Response.JobsDetail.State);
    cos.request({ Bucket: 'examplebucket-1250000000', Region: 'ap-guangzhou', Method: 'GET', Url: `http://${host}/jobs`, Key: 'jobs', Query: { tag: 'QualityEstimate', size: '10' } }, (e3, d3) => {
      if (e3) { console.log('list error', JSON.stringify(e3)); process.exit(1); }
      console.log('list ok', JSON.stringify(d3.Response.JobsDetail).slice(0, 80));
      cos.request({ Bucket: 'examplebucket-1250000000', Region: 'ap-guangzhou', Method: 'PUT', Url: `http://${host}/jobs/${id}`, Key: `jobs/${id}`, Action: 'cancel' }, (e4, d4) => {
        console.log('cancel', e4 ? JSON.stringify(e4).slice(0,300) : 'ok');
        process.exit(e4 ? 1 : 0);
      });
    });
  });
});
