import type { Intent } from '../../domain/mention.js';

/**
 * Customer-service phrases written for Earshot: what people say to a brand when something went
 * wrong (often with no negative word in it), when they are about to leave, and when they are pleased.
 *
 * Pattern syntax, one slot per space-separated part:
 * - `a/b/c` any of these words;
 * - `{num}` a number or number word, `{time}` a time unit, `{duration}` "2 hours", "2hrs", "an hour";
 * - `{long}` a duration that is long for a customer to wait (30 minutes or more, hours, days, weeks,
 *   months) and not framed as short ("in 2 hours", "within a day", "only 45 minutes"). Patterns
 *   framed as waiting ("on hold for", "waiting", "stuck") take any `{duration}`; the rest take
 *   `{long}`, so "setup took two minutes" is no complaint;
 * - `{det}` a determiner or possessive ("my", "the", "our"), `{thing}` something a customer is owed;
 * - `*` up to three words of anything (never across a clause stop).
 * Weights use the AFINN scale (-5..5), so they add up with the word list.
 */
export interface ServicePattern {
  pattern: string;
  weight: number;
  intents: readonly Intent[];
}

const C: readonly Intent[] = ['complaint'];
const CHURN: readonly Intent[] = ['churn_risk', 'complaint'];
const PRAISE: readonly Intent[] = ['praise'];
const REC: readonly Intent[] = ['recommendation', 'praise'];
const ANTI_REC: readonly Intent[] = ['complaint'];
const BUY: readonly Intent[] = ['purchase_intent'];
const NONE: readonly Intent[] = [];

const complaintsWaiting: ServicePattern[] = [
  { pattern: 'still waiting/waitin', weight: -3, intents: C },
  { pattern: 'still waiting/waitin on/for {det} {thing}', weight: -3.5, intents: C },
  { pattern: 'been waiting/waitin', weight: -2.5, intents: C },
  { pattern: 'waiting/waited {duration}', weight: -3, intents: C },
  { pattern: 'waiting/waited for/over/almost/nearly {duration}', weight: -3, intents: C },
  { pattern: 'waiting on/for {det} {thing}', weight: -2.5, intents: C },
  { pattern: 'on hold', weight: -2.5, intents: C },
  { pattern: 'on hold for/over {duration}', weight: -3.5, intents: C },
  { pattern: '{duration} on hold', weight: -3.5, intents: C },
  { pattern: 'hold time/times', weight: -2, intents: C },
  { pattern: '{long} later', weight: -2, intents: C },
  { pattern: 'for {duration} now', weight: -2.5, intents: C },
  { pattern: 'for/almost/nearly {long}', weight: -1, intents: C },
  {
    pattern: 'sat/sitting/stuck/stood/standing/waited/queued * {duration}',
    weight: -3,
    intents: C,
  },
  { pattern: 'in line/queue for {duration}', weight: -3, intents: C },
  { pattern: 'been * for/over {long}', weight: -2.5, intents: C },
  { pattern: '{duration} in line/queue', weight: -3, intents: C },
  {
    pattern: 'only one/1 agent/person/cashier/register/desk/employee/staff',
    weight: -2.5,
    intents: C,
  },
  { pattern: 'time this week/month/year', weight: -1.5, intents: C },
  { pattern: 'over {long}', weight: -1.5, intents: C },
  {
    pattern: "still no/not/nothing/haven't/hasn't/havent/hasnt/can't/cant/cannot",
    weight: -2.5,
    intents: C,
  },
  { pattern: 'yet to receive/hear/get', weight: -3, intents: C },
  { pattern: 'how long does/do/will/should * take', weight: -0.5, intents: NONE },
  { pattern: 'i_was/we_were/was/were promised', weight: -2.5, intents: C },
  { pattern: "can't/cant/cannot/couldn't/couldnt even", weight: -2, intents: C },
  { pattern: 'given/gave away', weight: -2, intents: C },
  {
    pattern: 'found a/an hair/bug/fly/cockroach/roach/worm/piece/bone/insect',
    weight: -3,
    intents: C,
  },
  { pattern: 'how much longer', weight: -2.5, intents: C },
  { pattern: 'any update/updates/news', weight: -1, intents: C },
  { pattern: 'no update/updates/information/info/explanation', weight: -2.5, intents: C },
  { pattern: "where is/where's/wheres {det} {thing}", weight: -2.5, intents: C },
];

const complaintsNoResponse: ServicePattern[] = [
  { pattern: 'no response/reply/answer/callback/call/email', weight: -2.5, intents: C },
  {
    pattern:
      'nobody/noone/no_one * called/calls/calling/answers/answered/answering/replied/replying/responds/responded/responding/helps/helped/helping/cares/speaks/spoke/knows/knew/bothered/tell/told/explain/explained/announced/informed/warned/notified/updated/picks/picked/picking',
    weight: -3,
    intents: C,
  },
  {
    pattern: 'never called/call/calls/got/get/heard/hear/replied/responded/answered * back',
    weight: -3,
    intents: C,
  },
  { pattern: 'never heard/got * from', weight: -2.5, intents: C },
  {
    pattern: "didn't/didnt/did_not/don't/dont/won't/wont call/reply/respond/answer/get back",
    weight: -3,
    intents: C,
  },
  {
    pattern: "haven't/havent/have_not/hasn't/hasnt/has_not heard/received/got/gotten/had",
    weight: -2.5,
    intents: C,
  },
  {
    pattern:
      'not received/arrived/delivered/refunded/resolved/fixed/ready/here/available/shipped/moved/updated/done/cleaned/clean/working/honored/honoured',
    weight: -3,
    intents: C,
  },
  {
    pattern:
      "hasn't/hasnt/has_not/haven't/havent/have_not/hadn't/hadnt updated/moved/changed/arrived/shipped/dispatched/processed/cleared/refunded/fixed/resolved/responded/replied/answered/called/shown/turned/come",
    weight: -2.5,
    intents: C,
  },
  {
    pattern:
      "hasn't/hasnt/has_not/haven't/havent/have_not been updated/delivered/refunded/fixed/resolved/processed/shipped/dispatched/sorted",
    weight: -2.5,
    intents: C,
  },
  { pattern: "didn't/didnt/did_not/never make it", weight: -2.5, intents: C },
  { pattern: 'no record/trace/sign', weight: -2.5, intents: C },
  // "no idea" is mostly wonder ("had no idea ...", "no idea how I lived without it").
  { pattern: 'no idea', weight: -0.5, intents: NONE },
  { pattern: 'no idea where/when', weight: -2.5, intents: C },
  { pattern: 'delivery attempted', weight: -2.5, intents: C },
  { pattern: 'attempted delivery', weight: -2.5, intents: C },
  { pattern: 'i was/am home/here/in all day', weight: -2.5, intents: C },
  {
    pattern: 'since yesterday/monday/tuesday/wednesday/thursday/friday/saturday/sunday/last',
    weight: -1.5,
    intents: C,
  },
  { pattern: 'took/takes/taking * {long}', weight: -2.5, intents: C },
  { pattern: '{long} to', weight: -2, intents: C },
  { pattern: 'for the {num} time', weight: -2.5, intents: C },
  {
    pattern: 'for the second/third/fourth/fifth/nth/umpteenth/hundredth time',
    weight: -2.5,
    intents: C,
  },
  { pattern: 'in a row', weight: -1.5, intents: C },
  {
    pattern:
      'never received/arrived/came/showed/delivered/got/get/refunded/fixed/resolved/shipped/sent/processed',
    weight: -3,
    intents: C,
  },
  { pattern: "didn't/didnt/did_not arrive/come/show/work/receive/get", weight: -3, intents: C },
  { pattern: 'hung up', weight: -3, intents: C },
  { pattern: 'transferred/transfered {num} times', weight: -3, intents: C },
  { pattern: 'keep/kept getting transferred/transfered', weight: -3, intents: C },
  { pattern: 'runaround/run_around', weight: -3, intents: C },
  { pattern: 'ignoring/ignored/ignore me/us/my', weight: -3, intents: C },
  { pattern: 'left on read', weight: -3, intents: C },
  { pattern: 'automated/bot/canned response/reply/message', weight: -2, intents: C },
  { pattern: 'copy and paste', weight: -2, intents: C },
  { pattern: 'same/generic response/reply/answer', weight: -2, intents: C },
  {
    pattern: "dm/dmd/dm'd/messaged/emailed/called/tweeted/contacted/rang * {num} times",
    weight: -3,
    intents: C,
  },
  { pattern: 'how many times', weight: -2.5, intents: C },
];

const complaintsTravel: ServicePattern[] = [
  {
    pattern:
      'cancelled/canceled/cancelling/canceling {det} flight/flights/order/train/booking/reservation',
    weight: -3,
    intents: C,
  },
  {
    pattern:
      'flight/flights/train/order/booking/package/delivery/parcel * cancelled/canceled/delayed/overbooked/oversold/lost',
    weight: -3,
    intents: C,
  },
  { pattern: 'cancelled/canceled flight/flights/flightled', weight: -3, intents: C },
  { pattern: 'cancelled/canceled', weight: -1.5, intents: C },
  { pattern: 'delayed/delay/delays', weight: -1.5, intents: C },
  { pattern: 'delayed {duration}', weight: -3, intents: C },
  { pattern: '{duration} delay/delayed/late', weight: -3, intents: C },
  { pattern: 'delayed again', weight: -3, intents: C },
  { pattern: 'missed {det} connection/connecting/flight/meeting/train', weight: -3, intents: C },
  {
    pattern: 'lost {det} bag/bags/luggage/suitcase/package/parcel/order/reservation/booking',
    weight: -3.5,
    intents: C,
  },
  { pattern: 'lost luggage/bag/bags/baggage', weight: -3, intents: C },
  { pattern: 'bag/bags/luggage/baggage * lost/missing/damaged', weight: -3, intents: C },
  { pattern: 'overbooked/oversold/bumped/stranded', weight: -2.5, intents: C },
  { pattern: 'stuck on/at/in {det} tarmac/plane/airport/gate/runway', weight: -3, intents: C },
  { pattern: 'sitting on/at {det} tarmac/plane/gate/runway', weight: -2.5, intents: C },
  { pattern: 'no gate/crew/pilot/agent/agents/staff', weight: -2.5, intents: C },
  { pattern: 'late again', weight: -3, intents: C },
  { pattern: 'running late', weight: -1.5, intents: C },
  { pattern: 'never showed/arrived/came/turned', weight: -3, intents: C },
  { pattern: 'not on time', weight: -2.5, intents: C },
  { pattern: 'misplaced/mishandled', weight: -2.5, intents: C },
  { pattern: 'rebooked/rebook', weight: -1, intents: C },
  { pattern: 'missed connection/connections', weight: -3, intents: C },
];

const complaintsMoney: ServicePattern[] = [
  { pattern: 'charged twice', weight: -3.5, intents: C },
  { pattern: 'double charged/charge/billed', weight: -3.5, intents: C },
  { pattern: 'overcharged/overbilled', weight: -3, intents: C },
  { pattern: 'hidden fee/fees/charges', weight: -3, intents: C },
  {
    pattern:
      'overdraft/late/cancellation/extra/service/roaming/baggage/change fee/fees/charge/charges',
    weight: -2,
    intents: C,
  },
  { pattern: 'out of stock', weight: -2, intents: C },
  { pattern: 'not/no/never in stock', weight: -2.5, intents: C },
  { pattern: 'wrong charge/charges/bill/amount', weight: -3, intents: C },
  { pattern: 'no refund', weight: -3.5, intents: C },
  { pattern: 'refund/refunds', weight: -1, intents: C },
  { pattern: 'my refund/money', weight: -2, intents: C },
  // A refund that came is no complaint: "got my refund within an hour".
  {
    pattern: 'got/received/processed/issued {det} refund/money',
    weight: 1,
    intents: NONE,
  },
  {
    pattern:
      "haven't/havent/hasn't/hasnt/didn't/didnt/not/never/can't/cant/cannot/yet_to got/received/receive/get/gotten {det} refund/money",
    weight: -3.5,
    intents: C,
  },
  { pattern: 'want/need/demand my money back', weight: -3.5, intents: C },
  { pattern: 'give me my money back', weight: -3.5, intents: C },
  { pattern: 'took/taken/stole my money', weight: -3.5, intents: C },
  { pattern: 'refuse/refused/refuses/refusing to', weight: -3, intents: C },
  { pattern: 'compensation/compensate', weight: -1.5, intents: C },
  { pattern: 'rip off/ripoff/ripped off', weight: -3.5, intents: C },
  { pattern: 'scam/scammed/scammers', weight: -3, intents: C },
  { pattern: 'waste of {det} time/money', weight: -3.5, intents: C },
  { pattern: 'wasted {det} time/day/money', weight: -3, intents: C },
  { pattern: 'pay/paying/paid for', weight: -1, intents: C },
];

const complaintsBroken: ServicePattern[] = [
  {
    pattern:
      "doesn't/doesnt/does_not/don't/dont/do_not/won't/wont/isn't/isnt/is_not/not work/working/load/loading/connect/open/charge/turn",
    weight: -3,
    intents: C,
  },
  { pattern: 'stopped/stops working/loading/charging/responding', weight: -3, intents: C },
  {
    pattern: 'keeps/kept crashing/freezing/dropping/disconnecting/failing/logging/restarting',
    weight: -3,
    intents: C,
  },
  { pattern: 'crashing/freezing/disconnecting', weight: -2, intents: C },
  { pattern: 'down again', weight: -3, intents: C },
  { pattern: 'is/are/still/been down', weight: -1.5, intents: C },
  {
    pattern:
      'servers/server/site/website/app/system/systems/network/service/internet/wifi/website/portal down',
    weight: -3,
    intents: C,
  },
  { pattern: 'locked out', weight: -3, intents: C },
  {
    pattern: 'card/payment/transaction/purchase * declined/rejected/failed/blocked',
    weight: -3,
    intents: C,
  },
  { pattern: 'never made/ordered/authorized/authorised/signed/agreed', weight: -3, intents: C },
  {
    pattern: 'unauthorized/unauthorised/fraudulent charge/charges/transaction/transactions',
    weight: -3,
    intents: C,
  },
  { pattern: 'you had one job', weight: -3.5, intents: C },
  { pattern: 'paying/pay/charged/charging more/extra', weight: -2.5, intents: C },
  { pattern: 'how you treat/treated your/a/me/us/loyal/customers', weight: -3, intents: C },
  { pattern: 'customer/member for {num} years', weight: -1.5, intents: C },
  { pattern: 'outage/outages/blackout', weight: -2.5, intents: C },
  {
    pattern:
      'no signal/service/internet/wifi/wi_fi/power/connection/coverage/network/reception/data',
    weight: -3,
    intents: C,
  },
  { pattern: 'dropped/dropping calls/call', weight: -3, intents: C },
  {
    pattern: 'slow/slowest internet/wifi/service/speeds/speed/connection/delivery/response',
    weight: -2.5,
    intents: C,
  },
  { pattern: 'so slow', weight: -2.5, intents: C },
  {
    pattern: 'arrived/came/delivered broken/damaged/smashed/cracked/open/late/wrong',
    weight: -3.5,
    intents: C,
  },
  { pattern: 'wrong order/item/size/package/address/color/colour/product', weight: -3, intents: C },
  { pattern: 'missing item/items/parts/piece/pieces', weight: -3, intents: C },
  { pattern: 'still broken', weight: -3.5, intents: C },
  { pattern: 'broken/broke/damaged/defective/faulty/cracked', weight: -1.5, intents: C },
  { pattern: 'error message/code', weight: -2, intents: C },
  { pattern: 'fix this/it/your/the/my', weight: -2.5, intents: C },
  { pattern: 'sort it/this out', weight: -2.5, intents: C },
  { pattern: 'get it together', weight: -3, intents: C },
  { pattern: 'do better', weight: -3, intents: C },
  { pattern: 'what a joke', weight: -3, intents: C },
  { pattern: 'is/was/are/such a joke', weight: -3, intents: C },
  { pattern: 'what is going on/happening', weight: -2, intents: C },
  { pattern: "what's/whats going on/happening", weight: -2, intents: C },
  {
    pattern: "why is/does/do/can't/cant/won't/wont/isn't/isnt/didn't/didnt/would/did",
    weight: -1,
    intents: C,
  },
  { pattern: 'yet again', weight: -2.5, intents: C },
  { pattern: 'again ?', weight: -1.5, intents: C },
  { pattern: 'every single time', weight: -2, intents: C },
  { pattern: 'every time', weight: -1, intents: C },
  {
    pattern: 'without {det} warning/notice/word/explanation/reason/notification',
    weight: -2.5,
    intents: C,
  },
  {
    pattern: 'without warning/notice/telling/asking/explanation/notification',
    weight: -2.5,
    intents: C,
  },
  {
    pattern:
      "didn't/didnt/did_not/never ask/asked/order/ordered/buy/bought/authorize/authorise/agree/agreed/use/used",
    weight: -2.5,
    intents: C,
  },
  { pattern: 'told me/us to', weight: -1.5, intents: C },
  { pattern: 'deal with it', weight: -2, intents: C },
  { pattern: 'charged/charging/billed/billing me/us for', weight: -2, intents: C },
  { pattern: 'empty box/package/parcel/bag', weight: -3, intents: C },
  { pattern: 'closed/closing my/the case/ticket/claim/complaint', weight: -2.5, intents: C },
  { pattern: 'downgraded/downgrade', weight: -2.5, intents: C },
  { pattern: 'been {long}', weight: -2, intents: C },
  { pattern: '{num} times', weight: -1, intents: C },
  { pattern: 'every time i/we call/ask/try/contact/order/fly', weight: -2.5, intents: C },
  { pattern: 'different answer/answers/story/excuse/excuses', weight: -2.5, intents: C },
  { pattern: 'leaking', weight: -2, intents: C },
  // "leaks" is as often news as a dripping product.
  { pattern: 'leaked/leaks/leak', weight: -1, intents: C },
  { pattern: 'timed out', weight: -2, intents: C },
  { pattern: 'diverted/rerouted', weight: -2, intents: C },
  { pattern: 'anyone/anybody ?', weight: -1.5, intents: C },
  { pattern: "someone/somebody else's/elses", weight: -1.5, intents: C },
  { pattern: 'nothing like {det} photos/pictures/description/ad/advert', weight: -3, intents: C },
  { pattern: 'supposed to', weight: -1.5, intents: C },
  { pattern: 'battery/phone/laptop dies/died/drains/draining', weight: -3, intents: C },
  { pattern: 'answer/pick up {det} phone/phones', weight: -2, intents: C },
  { pattern: 'can/could/will someone/anyone/somebody/anybody', weight: -1, intents: C },
  { pattern: 'customer service/support/care/experience', weight: 0, intents: NONE },
  { pattern: 'worst customer/service/experience/airline/company', weight: -4, intents: C },
  {
    pattern: 'not happy/impressed/satisfied/pleased/acceptable/ok/okay/good_enough',
    weight: -3,
    intents: C,
  },
  {
    pattern:
      'unacceptable/ridiculous/pathetic/shambles/disgrace/incompetent/incompetence/clueless/unprofessional',
    weight: -1,
    intents: C,
  },
  { pattern: 'filed/filing/file/lodged/made a complaint', weight: -3, intents: C },
  { pattern: 'speak/talk to a/the/your manager/supervisor/human/person', weight: -2.5, intents: C },
  { pattern: 'please help', weight: -1, intents: C },
  { pattern: 'help me', weight: -0.5, intents: C },
  { pattern: 'thanks/thank_you for nothing', weight: -4, intents: C },
  {
    pattern:
      'thanks/thank_you for losing/cancelling/canceling/delaying/ruining/charging/wasting/ignoring/nothing',
    weight: -4,
    intents: C,
  },
  { pattern: 'so much for', weight: -2.5, intents: C },
  { pattern: 'not even', weight: -1, intents: NONE },
  { pattern: 'no way to', weight: -2, intents: C },
  {
    pattern:
      "can't/cant/cannot/couldn't/couldnt/unable_to log/login/access/reach/get/connect/find/book/check/load/use/open/make/place/pay/cancel/change/stream/call/send",
    weight: -2.5,
    intents: C,
  },
  { pattern: 'impossible to', weight: -2.5, intents: C },
  {
    pattern:
      "won't/wont/will_not/doesn't/doesnt/does_not/didn't/didnt/did_not/can't/cant/cannot let me/us",
    weight: -2.5,
    intents: C,
  },
  { pattern: 'disconnected/disconnecting me/us/my_call/the_call', weight: -2.5, intents: C },
  { pattern: 'cut/kicked me/us off/out', weight: -2.5, intents: C },
  {
    pattern:
      'order/package/parcel/delivery/box/shipment/item/items/bag/luggage/suitcase/payment/refund was/is/were/are/arrived/came/went missing',
    weight: -3,
    intents: C,
  },
  {
    pattern: 'price/prices/bill/bills/rate/rates/fee/fees/premium/premiums went/gone/going/goes up',
    weight: -2,
    intents: C,
  },
  {
    pattern: 'without any warning/notice/explanation/notification/reason',
    weight: -2.5,
    intents: C,
  },
  {
    pattern:
      'speak/talk/speaking/talking to someone/somebody/anyone/anybody/a_real_person/a_real_human/a_human/a_person',
    weight: -2,
    intents: C,
  },
  // Rhetorical questions, regret and overdue promises: complaints with no negative word.
  { pattern: 'how hard/difficult is it', weight: -2.5, intents: C },
  { pattern: 'is it too much to ask', weight: -3, intents: C },
  {
    pattern:
      "should_have/should've/shouldve/should_of gone/went/used/booked/flown/stayed/listened/chosen/picked/ordered",
    weight: -2.5,
    intents: C,
  },
  {
    pattern:
      "should_have/should've/shouldve/was_supposed_to/were_supposed_to arrived/arrive/been/come/shipped/delivered",
    weight: -2,
    intents: C,
  },
  { pattern: "wish i never/hadn't/hadnt/had_not/had_never", weight: -2.5, intents: C },
  { pattern: 'waste of time/money', weight: -3.5, intents: C },
  { pattern: 'yeah right', weight: -2, intents: NONE },
];

const churn: ServicePattern[] = [
  {
    // Not "going to" or "moving to": those are mostly the future tense and house moves.
    pattern: 'switching/switch/switched/changing/porting to',
    weight: -1.5,
    intents: ['churn_risk'],
  },
  {
    pattern:
      'cancel/cancelling/canceling/cancelled/canceled/close/closing/closed/end/ending {det} subscription/account/contract/membership/service/plan/order',
    weight: -3,
    intents: CHURN,
  },
  { pattern: 'unsubscribe/unsubscribing/unsubscribed', weight: -2, intents: CHURN },
  { pattern: 'never again', weight: -4, intents: CHURN },
  {
    pattern:
      'never flying/fly/using/use/buying/buy/ordering/order/shopping/shop/booking/book/going * with/from/at/again',
    weight: -4,
    intents: CHURN,
  },
  {
    pattern:
      "won't/wont/will_not/will_never be back/returning/using/flying/buying/ordering/recommending",
    weight: -3.5,
    intents: CHURN,
  },
  { pattern: 'last time i/we', weight: -3, intents: CHURN },
  { pattern: "i'm/im/i_am/we're/we_are done with", weight: -3.5, intents: CHURN },
  { pattern: 'done with you/your/this', weight: -3, intents: CHURN },
  { pattern: 'lost a/another/your customer', weight: -4, intents: CHURN },
  { pattern: 'lost {det} business', weight: -4, intents: CHURN },
  { pattern: 'take/taking my business elsewhere', weight: -4, intents: CHURN },
  {
    pattern:
      'looking/look for/at alternatives/another_provider/another_airline/another_company/a_new_provider',
    weight: -3,
    intents: CHURN,
  },
  {
    pattern: 'find/finding another provider/airline/company/bank/carrier',
    weight: -3,
    intents: CHURN,
  },
  { pattern: 'time to switch/leave/move/cancel', weight: -3, intents: CHURN },
  { pattern: 'leaving/leave you/your', weight: -2.5, intents: CHURN },
  { pattern: 'port/porting my number', weight: -3, intents: CHURN },
  { pattern: 'loyal customer/customers/member/members', weight: -1, intents: NONE },
  { pattern: 'for {num} years', weight: -0.5, intents: NONE },
];

const praise: ServicePattern[] = [
  { pattern: 'thank you so much', weight: 3, intents: PRAISE },
  { pattern: 'thanks so much', weight: 3, intents: PRAISE },
  {
    pattern:
      'great/excellent/amazing/awesome/fantastic/outstanding/superb/wonderful/brilliant/fast/quick/friendly/helpful service/support/job/experience/staff/crew/team/response/flight',
    weight: 3,
    intents: PRAISE,
  },
  { pattern: 'well done', weight: 3, intents: PRAISE },
  { pattern: 'shout out/outs', weight: 2.5, intents: PRAISE },
  { pattern: 'shoutout/shoutouts/kudos/props', weight: 2.5, intents: PRAISE },
  { pattern: 'above and beyond', weight: 3.5, intents: PRAISE },
  { pattern: 'so/very/super/really/extremely helpful', weight: 3, intents: PRAISE },
  {
    pattern: 'quick/fast/prompt/speedy response/reply/delivery/resolution/turnaround',
    weight: 3,
    intents: PRAISE,
  },
  { pattern: 'quickly resolved/fixed/sorted', weight: 3, intents: PRAISE },
  { pattern: 'sorted it/this/that out', weight: 2, intents: PRAISE },
  { pattern: 'problem/issue solved/resolved/fixed/sorted', weight: 2.5, intents: PRAISE },
  { pattern: 'you_guys rock/are_the_best/are_awesome/are_amazing', weight: 3.5, intents: PRAISE },
  { pattern: 'you rock', weight: 3.5, intents: PRAISE },
  { pattern: 'love you guys', weight: 3.5, intents: PRAISE },
  { pattern: 'made my day', weight: 3.5, intents: PRAISE },
  { pattern: 'on time', weight: 1.5, intents: PRAISE },
  // Quick is good: "took only 5 minutes", "sorted within an hour", "delivered in minutes".
  { pattern: 'took/takes/taking only/just/under/less_than {duration}', weight: 1.5, intents: NONE },
  { pattern: 'only/just {duration}', weight: 1, intents: NONE },
  { pattern: 'only took/takes {duration}', weight: 1.5, intents: NONE },
  // A complaint that is over: "never have to wait on hold", "no more dropped calls".
  {
    pattern:
      "never/don't/dont/no_longer have/had/need to wait/queue/sit on_hold/in_line/in_queue/around",
    weight: 2.5,
    intents: NONE,
  },
  { pattern: "never/don't/dont/no_longer have/had/need to wait/queue", weight: 2.5, intents: NONE },
  {
    pattern:
      'no more waiting/queues/queueing/queuing/delays/buffering/lag/lagging/crashes/crashing/outages/dropped_calls/on_hold/hold_music',
    weight: 2,
    intents: NONE,
  },
  { pattern: 'never looked back', weight: 3, intents: PRAISE },
  { pattern: 'in/within minutes/seconds/mins/secs', weight: 1.5, intents: NONE },
  { pattern: 'in/within {num} minutes/seconds/mins/secs/min/sec', weight: 1, intents: NONE },
  { pattern: 'within an/one/the/a hour/day', weight: 1, intents: NONE },
  { pattern: 'arrived early/on', weight: 2, intents: PRAISE },
  { pattern: 'smooth flight/ride/process/experience/delivery', weight: 3, intents: PRAISE },
  { pattern: 'best customer/airline/service/experience/company', weight: 3.5, intents: PRAISE },
  { pattern: "can't/cant/cannot wait", weight: 3, intents: NONE },
  { pattern: 'looking forward', weight: 2.5, intents: NONE },
  { pattern: 'no problem/problems/issues/complaints', weight: 1.5, intents: NONE },
  { pattern: 'not bad', weight: 1.5, intents: NONE },
  { pattern: 'would/will fly/buy/order/book/stay/shop/use again', weight: 2.5, intents: REC },
  // Negator idioms (see NEGATION_IDIOMS) carry no sentiment themselves: "no" and "doubt" are
  // negative words on their own, "matter" a positive one.
  { pattern: 'no doubt/matter/wonder', weight: 0, intents: NONE },
  { pattern: 'without a doubt', weight: 0, intents: NONE },
  { pattern: 'never mind', weight: 0, intents: NONE },
  // Negated complaints that are praise; they outrank "couldn't get", "can't get" and the like.
  {
    pattern: "couldn't/couldnt/could_not/can't/cant be happier/better",
    weight: 3.5,
    intents: PRAISE,
  },
  {
    pattern: "couldn't/couldnt/could_not/can't/cant/cannot get any/much better",
    weight: 3.5,
    intents: PRAISE,
  },
  { pattern: "can't/cant/cannot/couldn't/couldnt complain", weight: 2, intents: NONE },
  { pattern: "can't/cant/cannot go wrong", weight: 3, intents: PRAISE },
  { pattern: "can't/cant/cannot beat", weight: 2.5, intents: NONE },
  { pattern: "can't/cant/cannot get enough", weight: 3.5, intents: PRAISE },
  {
    pattern: "can't/cant/cannot stop using/listening/playing/watching/wearing",
    weight: 2.5,
    intents: NONE,
  },
  { pattern: 'no worries/regrets/regret', weight: 1.5, intents: NONE },
  {
    pattern: "didn't/didnt/doesn't/doesnt/does_not/did_not/won't/wont/never disappoint/disappoints",
    weight: 3,
    intents: PRAISE,
  },
  {
    pattern:
      "never/haven't/havent/hasn't/hasnt had a/an/any/one/a_single problem/problems/issue/issues/complaint/complaints",
    weight: 2.5,
    intents: NONE,
  },
  { pattern: 'not a/one single problem/issue/complaint/fault', weight: 2, intents: NONE },
  { pattern: 'never disappoints/disappoint/fails/lets', weight: 3, intents: PRAISE },
  {
    pattern: 'thanks/thank_you for * help/helping/sorting/fixing/resolving/quick/fast/getting',
    weight: 3,
    intents: PRAISE,
  },
];

const recommendation: ServicePattern[] = [
  { pattern: 'highly/definitely/totally/strongly recommend', weight: 3.5, intents: REC },
  { pattern: "would/i'd/id recommend", weight: 3, intents: REC },
  { pattern: 'recommend/recommended', weight: 1, intents: ['recommendation'] },
  { pattern: 'check out', weight: 0.5, intents: ['recommendation'] },
  { pattern: 'must try/have/read/see/watch', weight: 2.5, intents: REC },
  { pattern: 'five/5 stars', weight: 3, intents: REC },
  {
    pattern:
      "wouldn't/wouldnt/would_never/would_not/not/don't/dont/do_not/never/can't/cant/cannot/couldn't recommend",
    weight: -3.5,
    intents: ANTI_REC,
  },
  { pattern: "don't/dont/do_not/never buy/fly/use/order/book/shop", weight: -3, intents: ANTI_REC },
  { pattern: 'stay away from', weight: -3.5, intents: ANTI_REC },
  { pattern: 'avoid at all costs', weight: -4, intents: ANTI_REC },
  { pattern: 'one/zero/0/1 star/stars', weight: -3, intents: ANTI_REC },
];

const purchase: ServicePattern[] = [
  {
    pattern:
      'want/wanna/going/planning/plan/looking/hoping/thinking/about to buy/get/order/purchase/book',
    weight: 0,
    intents: BUY,
  },
  {
    pattern: 'thinking/thinkin of/about buying/getting/ordering/switching/upgrading',
    weight: 0,
    intents: BUY,
  },
  { pattern: 'where can i buy/get/order/find', weight: 0, intents: BUY },
  { pattern: 'how much is/are/does/for', weight: 0, intents: BUY },
  { pattern: 'price of/for', weight: 0, intents: BUY },
  { pattern: 'in stock', weight: 0, intents: BUY },
  { pattern: 'pre_order/preorder/pre_ordered/preordered', weight: 0.5, intents: BUY },
  { pattern: 'need/want a new', weight: 0, intents: BUY },
  { pattern: 'take my money', weight: 2, intents: BUY },
  { pattern: 'shut up and take', weight: 2, intents: BUY },
  { pattern: 'sign/signing me up', weight: 0.5, intents: BUY },
  { pattern: 'upgrade/upgrading to', weight: 0, intents: BUY },
  { pattern: 'should i buy/get/order', weight: 0, intents: BUY },
  { pattern: 'worth buying/getting/it', weight: 0, intents: BUY },
];

export const SERVICE_PATTERNS: readonly ServicePattern[] = [
  ...complaintsWaiting,
  ...complaintsNoResponse,
  ...complaintsTravel,
  ...complaintsMoney,
  ...complaintsBroken,
  ...churn,
  ...praise,
  ...recommendation,
  ...purchase,
];
