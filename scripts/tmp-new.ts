import { MongoClient, ObjectId } from 'mongodb';
const c = await new MongoClient(process.env.MONGODB_URL!).connect();
const db = c.db(`tmp_new_${Date.now()}`);
const col = db.collection('mentions');
const docs = Array.from({ length: 3000 }, (_, i) => ({ _id: new ObjectId(), watchId: `w${i % 4}`, source: 'replay', externalId: `m${i}`, text: 'Acme mention', author: { id: `a${i % 5000}`, handle: 'x', followers: i }, createdAt: new Date(Date.UTC(2026, 9, 1) + i * 1000), pending: true }));
for (let i = 0; i < docs.length; i += 1000) await col.insertMany(docs.slice(i, i + 1000), { ordered: false });
console.log('inserted');
const t = Date.now();
for (let i = 0; i < 5; i++) { await col.findOne({ _id: docs[i]!._id }); console.log('one', i, Date.now() - t); }
await db.dropDatabase(); await c.close();
