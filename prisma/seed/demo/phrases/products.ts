import type { Product } from '../taxonomy';

export interface ProductPhrases {
  svc: string[];
  dev: string[];
  plan: string[];
  app: string[];
  price: number[];
  /** How the customer uses the product; mentioned in passing. */
  usage: string[];
  /** A short mention used when this product comes up as a side remark (not the topic). */
  aside: string[];
}

export const PRODUCT_PHRASES: Record<Product, ProductPhrases> = {
  Mobile: {
    svc: ['mobile subscription', 'phone plan', 'mobile', 'phone subscription', 'mobile plan', 'number', 'SIM', 'mobile contract', 'phone'],
    dev: ['phone', 'iPhone 15', 'iPhone 13', 'Samsung Galaxy S24', 'Galaxy A55', 'Pixel 8', 'Xiaomi phone', 'Doro phone', 'SIM card', 'OnePlus', 'mobile'],
    plan: ['Flex 10 GB', 'Mobil 20 GB', 'Mobil Obegränsad', 'Unlimited Plus', 'Family 40 GB', 'Youth 30 GB', 'Kontant refill', 'Mobil 5 GB', 'Senior plan', 'Max 100 GB'],
    app: ['app', 'My Pages app', 'Nordtel app', 'mobile app'],
    price: [99, 149, 179, 199, 229, 249, 279, 299, 329, 349, 399, 449],
    usage: [
      'I use the phone for work, calls all day basically',
      "it's my only phone, I don't have a landline",
      'I mostly use it for WhatsApp and Spotify',
      'my whole family has numbers on my account',
      'I need the phone for BankID and everything',
      'I call my customers on it, so I need it working',
      'I take the bus to work and watch stuff on my phone',
      'the kids have their numbers on the family plan',
    ],
    aside: [
      'my mobile is with you as well, that one is fine',
      'I also have a phone subscription with you',
      'my phone works fine though, it is just this',
      'the mobile plan is with you too by the way',
    ],
  },
  'Mobile Broadband': {
    svc: ['mobile broadband', 'home internet', '4G internet', '5G home internet', 'data subscription', 'mobile internet', 'wireless broadband', 'router subscription', 'data SIM'],
    dev: ['4G router', '5G router', 'Huawei B535', 'Huawei router', 'ZTE router', 'pocket router', 'MiFi', 'dongle', 'router', 'Netgear Nighthawk', 'data SIM in the iPad'],
    plan: ['Bredband 100 GB', 'Mobilt bredband 50 GB', 'Hemma 5G Obegränsad', 'Data 200 GB', 'Surf 30 GB', 'Home 4G Max'],
    app: ['app', 'My Pages', 'router app', 'web portal'],
    price: [199, 249, 299, 349, 399, 449, 499],
    usage: [
      "we don't have fibre out here, so the 4G box is our only internet",
      'I use the pocket router at the summer cottage',
      'we use it for Netflix and the kids gaming',
      "I work from home three days a week on it",
      "it's in the caravan mostly",
      'the router sits in the window in the living room',
      "it's our internet at home since there's no cable in the building",
    ],
    aside: [
      'the mobile broadband at the cottage is also yours, that one works',
      'we have your 4G router at the summer place too',
      'the home internet box is fine, no issues there',
    ],
  },
  'Fixed Line': {
    svc: ['landline', 'home phone', 'fixed telephone', 'phone line', 'DSL', 'ADSL connection', 'copper line', 'broadband over the phone line', 'home telephone'],
    dev: ['landline phone', 'DSL modem', 'home phone', 'Doro home phone', 'cordless phone', 'phone jack', 'ADSL router', 'phone socket', 'telephone'],
    plan: ['Hemtelefoni Bas', 'Telefoni Plus', 'ADSL 24', 'DSL 8 Mbit', 'Landline Basic', 'Fast telefoni'],
    app: ['My Pages', 'website', 'customer portal'],
    price: [129, 145, 169, 189, 199, 249, 299],
    usage: [
      "it's my mother's home phone, she's 88",
      'I still have the landline for the alarm',
      'the old phone line is what the DSL runs on',
      'we keep the landline because the reception is bad here',
      "I'm not good with mobiles, I use the home phone",
    ],
    aside: [
      'we still have the landline with you too',
      'the home phone is also with you but that works',
      'my landline is fine, by the way',
    ],
  },
  Fiber: {
    svc: ['fibre', 'fiber broadband', 'fibre connection', 'broadband', 'internet', 'fiber', 'fibre subscription', 'home broadband', 'wifi'],
    dev: ['router', 'fibre box', 'Zyxel router', 'media converter', 'wifi router', 'mesh unit', 'ONT box', 'Technicolor router', 'Inteno router', 'fibre router'],
    plan: ['Fiber 100/100', 'Fiber 250', 'Fiber 500/500', 'Fiber 1000', 'Bredband 1 Gbit', 'Fiber Bas'],
    app: ['My Pages', 'router app', 'wifi app', 'customer portal'],
    price: [299, 349, 399, 429, 459, 499, 549, 599],
    usage: [
      'we both work from home on the fibre',
      "we're four people streaming at the same time in the evenings",
      'I game a lot so the connection matters',
      'the fibre came into the house last year when the association dug',
      'it is a fibre to the apartment thing through the housing association',
      'the kids do their homework online',
    ],
    aside: [
      'we have your fibre too, that is fine',
      'the internet at home is also yours, no complaints there',
      'the fiber works okay by the way',
    ],
  },
  TV: {
    svc: ['TV', 'TV package', 'TV subscription', 'channels', 'TV service', 'cable TV', 'digital TV', 'TV box subscription'],
    dev: ['TV box', 'set-top box', 'decoder', 'remote', 'TV receiver', 'box under the TV', 'Amino box', 'Arris box', 'smart card', 'TV hub'],
    plan: ['TV Bas', 'TV Mellan', 'TV Stor', 'Sport package', 'Film & Serier', 'Family TV', 'TV Max'],
    app: ['TV app', 'TV guide', 'My Pages', 'box menu'],
    price: [149, 219, 279, 349, 399, 449, 499, 549],
    usage: [
      'my husband watches the sport channels every weekend',
      'we mostly watch the news and the Swedish channels',
      'the kids watch the children\'s channels in the mornings',
      "I'm retired, the TV is my company in the evenings",
      'we have two boxes, one in the bedroom',
    ],
    aside: [
      'we also have TV from you, which works fine',
      'the TV box is yours as well but that is not the problem',
      'the TV package is with you too, never mind that',
    ],
  },
  Streaming: {
    svc: ['streaming', 'streaming service', 'Play subscription', 'streaming account', 'Play app', 'streaming add-on', 'Nordtel Play', 'account on Play'],
    dev: ['smart TV', 'Apple TV', 'Chromecast', 'iPad', 'Android TV', 'laptop', 'PlayStation', 'Samsung TV', 'LG TV', 'phone'],
    plan: ['Play Basic', 'Play Premium', 'Play Family', 'Play with ads', 'Sport Pass', 'Film Pass', 'Play Standard'],
    app: ['Play app', 'streaming app', 'app', 'website'],
    price: [79, 99, 119, 129, 149, 169, 199],
    usage: [
      'we watch series on it pretty much every evening',
      'I mostly watch on the iPad in bed',
      'I got it for the football',
      'the kids have their own profiles',
      'I share it with my sister, she has a profile',
    ],
    aside: [
      'I also have your streaming app, that one works',
      'the streaming service is fine, by the way',
      'I have the Play subscription too, unrelated',
    ],
  },
};
