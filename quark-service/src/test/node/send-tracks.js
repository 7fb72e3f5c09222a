// Segment's Node library as an app team configures it for quark: only host, path and writeKey set.
// Usage: node send-tracks.js <quark URL> <write key> <bundle id>; prints the HTTP statuses quark answered.
const { Analytics } = require('@segment/analytics-node')

const [host, writeKey, namespace] = process.argv.slice(2)
const analytics = new Analytics({ writeKey, host, path: '/v1/batch', maxRetries: 0 })
const statuses = []
analytics.on('http_response', (response) => statuses.push(response.status))
const context = { app: { namespace } }
analytics.track({ userId: 'nia', event: 'Application Installed', timestamp: '2025-07-03T01:00:00Z', context })
analytics.track({ userId: 'nia', event: 'Application Opened', timestamp: '2025-07-03T01:00:05Z', context })
analytics.track({ anonymousId: 'device-7', event: 'Application Opened', timestamp: '2025-07-03T02:00:00Z', context })
analytics.identify({ userId: 'nia', traits: { plan: 'pro' } })
analytics.closeAndFlush().then(() => console.log(JSON.stringify(statuses)))
