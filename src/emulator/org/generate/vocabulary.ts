/** Word lists the generator draws from. Shared strings keep 200,000 generated records small. */
export const FIRST_NAMES = [
  'George', 'Amara', 'Luis', 'Mei', 'Sofia', 'Jonas', 'Priya', 'Oliver', 'Fatima', 'Noah', 'Ingrid', 'Kwame',
  'Elena', 'Tomás', 'Yuki', 'Hannah', "Seán", 'Aisha', 'Mateo', 'Chloé', 'Dmitri', 'Zara', 'Ravi', 'Lena',
];

export const LAST_NAMES = [
  'Smith', 'Okafor', 'García', 'Chen', 'Rossi', 'Berg', 'Patel', 'Nguyen', 'Haddad', 'Müller', "O'Brien",
  'Kowalski', 'Tanaka', 'Johnson', 'Silva', 'Andersen', 'Mensah', 'Dubois', 'Ivanova', 'Khan',
];

export const AGENT_NAMES: readonly (readonly [string, string])[] = [
  ['Royalle', 'G'], ['Marcus', 'T'], ['Dana', 'K'], ['Priya', 'S'], ['Felix', 'W'], ['Ana', 'R'],
  ['Jordan', 'L'], ['Keiko', 'M'], ['Samuel', 'O'], ['Ines', 'B'],
];

export const COMPANY_WORDS = [
  'Acme', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Hooli', 'Vandelay', 'Soylent', 'Tyrell',
  'Cyberdyne', 'Wonka', 'Gringotts', 'Oceanic', 'Aperture', 'Massive', 'Northwind', 'Contoso',
];

export const COMPANY_SUFFIXES = ['Inc.', 'Ltd', 'GmbH', '& Co.', 'Group', 'Holdings', 'Labs', 'S.A.'];

export const CITIES: readonly (readonly [string, string])[] = [
  ['Boston', 'USA'], ['Toronto', 'Canada'], ['London', 'United Kingdom'], ['Berlin', 'Germany'],
  ['Lagos', 'Nigeria'], ['São Paulo', 'Brazil'], ['Tokyo', 'Japan'], ['Mumbai', 'India'], ['Sydney', 'Australia'],
];

export const CASE_SUBJECTS = [
  'Order has not arrived', 'Charged twice for one order', 'Cannot log in to my account', 'Refund request',
  'Damaged item received', 'Change delivery address', 'Subscription cancellation', 'Invoice is wrong',
  'App crashes on checkout', 'Password reset email never arrives', 'Question about warranty', 'Wrong size shipped',
  'Promo code "SPRING25" not accepted', 'Account locked after update', 'Missing items & accessories',
];

export const PRODUCTS = ['the blender', 'my headphones', 'the router', 'the standing desk', 'my order', 'the coffee machine', 'the e-reader'];

/** Sentences with personal data in them, so redaction rules have something real to find. */
export const PII_SENTENCES = [
  'You can reach me at {email} or {phone}.',
  'My card ending {card4} was charged, full number {card} if you need it.',
  'Call me back on {phone} after 5pm.',
  'Please send the receipt to {email}.',
  'I paid with card {card}, expiry 04/27.',
  'My old email was {email}, the new one is on file.',
];

export const PLAIN_SENTENCES = [
  'I have been waiting for over a week now.',
  "It's the second time this happens.",
  'The tracking page says "delivered" but nothing is here.',
  'I tried restarting it & clearing the cache, no luck.',
  'Thanks for the quick help last time.',
  'The box was open when it arrived.',
  'Is there any update on this?',
  "I'd like a replacement rather than a refund.",
  'The price shown was < what I paid.',
];

export const SURVEY_COMMENTS = [
  'Great support, solved in minutes!', 'Agent was friendly but it took too long.', 'Still not fixed.',
  'Very helpful, thanks {first}.', 'Had to repeat my order number three times.', 'Quick & easy.',
  'The chat bot did not understand me.', 'Five stars, would recommend.', "Don't make me call again.",
  'Nobody answered my email at {email}.', 'Refund arrived in 2 days, impressive.', 'Meh.',
];

export const AGENT_OPENERS = [
  'Hi {visitor}, thanks for contacting us. How can I help you today?',
  "Hello {visitor}! I'm {agent}, happy to help.",
  'Good evening {visitor}, what can I do for you?',
];

export const AGENT_LINES = [
  'Let me look that up for you.', 'Could you share your order number?', 'I understand, that must be frustrating.',
  'I have issued a refund, it should arrive in 3-5 business days.', 'I can see the order here.',
  "I'm checking with our warehouse now.", 'Is there anything else I can help with?',
  'I have updated the address on your account.', 'Thanks for your patience & understanding.',
  'I will create a case so our team can follow up.', "That's odd, I'll escalate it.",
];

export const VISITOR_LINES = [
  'Hi, I have a problem with {product}.', 'Sure, it is #{order}.', "It's been a week and it hasn't arrived.",
  'Thanks!', 'That works for me.', 'No, that is all.', 'Can you check again please?',
  "I can't log in since yesterday.", 'OK, great.', 'Why was I charged twice?',
];

export const BOT_LINES = [
  'Hi! I am the virtual assistant. What can I help you with?', 'I can help with orders, refunds and accounts.',
  'Please choose an option: Order status, Refund, Something else.', 'Let me connect you with an agent.',
  'I found your order. It is on its way.',
];

export const SMS_END_USER_LINES = [
  'hi where is my order', 'ok', 'thx', 'its #{order}', 'can u call me {phone}', 'still nothing arrived',
  'yes please', 'STOP', 'how long will the refund take?', 'my email is {email}',
];
