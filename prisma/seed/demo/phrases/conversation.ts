/** Generic conversation material: openers, verification, small talk, emotions, churn signals, closings. */

export const AGENT_NAMES = [
  'Malin', 'Erik', 'Sara', 'Johan', 'Amanda', 'Mohammed', 'Linda', 'Niklas', 'Elin', 'Ahmed', 'Frida', 'Marcus',
  'Jenny', 'Viktor', 'Emelie', 'Kristoffer', 'Hanna', 'Sebastian', 'Rebecka', 'Omar', 'Ellinor', 'Fredrik', 'Tilde',
  'Andreas', 'Josefin', 'Mattias', 'Sanna', 'Rasmus', 'Matilda', 'Yusuf', 'Petra', 'Gustav', 'Nathalie', 'Jesper',
  'Lejla', 'Carl', 'Ebba', 'Dragan', 'Cecilia', 'Tobias',
];

export const CUSTOMER_FIRST = [
  'Anna', 'Lars', 'Karin', 'Per', 'Maria', 'Anders', 'Eva', 'Mikael', 'Kerstin', 'Stefan', 'Ingrid', 'Magnus', 'Lena',
  'Björn', 'Sofia', 'Hassan', 'Ulla', 'Göran', 'Emma', 'Jonas', 'Agneta', 'Fatima', 'Daniel', 'Marie', 'Ola', 'Birgit',
  'Leila', 'Henrik', 'Camilla', 'Kent', 'Ida', 'Roger', 'Annika', 'Patrik', 'Maja', 'Thomas', 'Zeynep', 'Christer',
  'Louise', 'Arvid', 'Ingela', 'Bo', 'Nadja', 'Jan', 'Saga', 'Kjell', 'Alice', 'Reza', 'Monica', 'Hugo',
];

export const CUSTOMER_LAST = [
  'Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson', 'Gustafsson',
  'Pettersson', 'Jonsson', 'Jansson', 'Hansson', 'Bengtsson', 'Lindberg', 'Jakobsson', 'Magnusson', 'Lindström',
  'Hedlund', 'Ali', 'Mohammadi', 'Berglund', 'Sjöberg', 'Axelsson', 'Forsberg', 'Holm', 'Engström', 'Virtanen', 'Nyström',
  'Öberg', 'Kovač', 'Lund', 'Strand', 'Dahlberg',
];

export const CITIES = [
  'Uppsala', 'Västerås', 'Örebro', 'Norrköping', 'Helsingborg', 'Jönköping', 'Lund', 'Gävle', 'Borås', 'Eskilstuna',
  'Södertälje', 'Karlstad', 'Växjö', 'Halmstad', 'Sundsvall', 'Luleå', 'Trollhättan', 'Östersund', 'Kalmar', 'Falun',
  'Skövde', 'Kristianstad', 'Nacka', 'Solna', 'Huddinge', 'Kungsbacka', 'Visby', 'Piteå', 'Alingsås', 'Ystad',
  'Mölndal', 'Sollentuna', 'Karlskrona', 'Varberg', 'Enköping', 'Kiruna', 'Härnösand', 'Motala',
];

export const STREETS = [
  'Björkvägen', 'Kyrkogatan', 'Drottninggatan', 'Skolgatan', 'Ekbacken', 'Stationsvägen', 'Parkvägen', 'Tallstigen',
  'Industrigatan', 'Storgatan', 'Ängsvägen', 'Sjövägen', 'Granvägen', 'Villagatan', 'Backavägen', 'Hamngatan',
  'Lärkvägen', 'Kvarngatan', 'Rönnvägen', 'Solbacken',
];

export const COMPETITORS = ['Telia', 'Telenor', 'Tele2', 'Tre', 'Comviq', 'Halebop', 'Bahnhof', 'Hallon', 'Vimla', 'Com Hem', 'Fello', 'Chilimobil', 'Boxer', 'Viaplay', 'Ownit', 'the local operator'];

export const EU_COUNTRIES = ['Spain', 'Greece', 'Italy', 'Germany', 'Croatia', 'Portugal', 'France', 'Poland', 'Finland', 'Denmark', 'Cyprus', 'Estonia'];
export const NON_EU_COUNTRIES = ['Turkey', 'Thailand', 'the US', 'Switzerland', 'the UK', 'Egypt', 'Dubai', 'Morocco', 'Norway', 'Bosnia', 'Serbia', 'Vietnam', 'Mexico', 'Canada'];

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
export const FAMILY = ['wife', 'husband', 'son', 'daughter', 'partner', 'mum', 'dad', 'girlfriend', 'boyfriend', 'flatmate', 'brother', 'sister', 'neighbour', 'teenager'];
export const TECH_WORDS = ['technician', 'installer', 'engineer', 'service tech', 'guy from the contractor', 'fitter'];
export const ORDINALS = ['second', 'third', 'fourth', 'fifth'];

export const BRANDS = ['Nordtel', 'Nordtel customer service', 'customer service', 'Nordtel support', 'Nordtel Kundservice'];

// ---------- agent openers ----------
export const AGENT_GREETINGS = [
  'Hi, you have reached {brand}, my name is {agent}. How can I help you today?',
  'Good {daypart}, {brand}, {agent} speaking.',
  'Welcome to {brand}, this is {agent}, what can I do for you?',
  'Hello and thanks for waiting, you are talking to {agent}.',
  "{brand}, you're through to {agent}, how can I help?",
  'Hi there, {agent} here at {brand}.',
  'Good {daypart}! My name is {agent}, how may I help you?',
  'Thank you for calling {brand}, my name is {agent}.',
  "Hey, {agent} at {brand}, what's up?",
  'Hello, {agent} speaking, what can I help you with today?',
];

export const CHAT_GREETINGS = [
  "Hi! I'm {agent} from {brand}. How can I help?",
  'Hello, you are chatting with {agent}. What can I help you with?',
  'Hi and welcome to the chat! My name is {agent} 😊',
  'Good {daypart}! {agent} here, how can I help you today?',
  "Hi, thanks for your patience, I'm {agent}. What's on your mind?",
  'Hey! {agent} here. Tell me how I can help.',
];

export const BOT_INTROS = [
  'Bot: Hi! Briefly describe your question and I will connect you to the right person.',
  'Virtual assistant: Welcome! What is your question about?',
  'System: You are number {n} in the queue. Estimated wait {n} minutes.',
  'System: Chat started {time}.',
];

// ---------- customer openers (before the problem) ----------
export const CUSTOMER_OPENERS = [
  'Hi {agent}, yes hello.',
  'Hello.',
  "Hi, yeah, I'm calling about my {svc}.",
  "Hi, I've got a question about my {svc}.",
  'Hello there.',
  'Yes, hi, my name is {cname}.',
  "Hi! It's {cname} here.",
  'Good {daypart}.',
  'Hi, hope you can help me.',
  'Yes hello, I have a problem with the {svc}.',
  'Hi, so, um.',
  "Hello, finally, I've been in the queue forever.",
  "Oh hi, I didn't expect someone to answer so quickly.",
  'Hey.',
  "Hi, it's about the {svc} at {street}.",
  "Hello, I'm calling for my {fam} actually.",
  '',
  '',
];

export const PROBLEM_LEADINS = [
  '', '', '', '',
  'So, ',
  'The thing is, ',
  "It's about the {svc}, ",
  'Right, so ',
  'Okay so basically ',
  'I want to ask why ',
  'I was wondering, ',
  "I'll keep it short, ",
  "I don't know if you're the right person but ",
  'Sorry, this might be a stupid question, but ',
  'My {fam} told me to call because ',
  "Long story short, ",
  'Well, ',
  'Yeah so ',
  "I noticed that ",
];

// ---------- identity check ----------
export const AGENT_VERIFY = [
  'Can I have your personal identity number, please?',
  'Could you give me your customer number or the phone number on the account?',
  'First I just need to verify you. What is your date of birth and postcode?',
  'Can you confirm the address the {svc} is registered at?',
  'Could I get your full name and personal number?',
  "To find your account, what's the mobile number?",
  "I'll send a BankID request so I can identify you, is that okay?",
  'Which email is the account registered with?',
  'Could you tell me the customer number? It is at the top of the invoice.',
  'Let me find you in the system. Your personal number please?',
];

export const CUSTOMER_VERIFY = [
  'Sure, it is {pnr}.',
  "It's {pnr}.",
  '{pnr}',
  'Yes, {phone}.',
  'The number is {phone}.',
  'Customer number {custno}.',
  "It's {street} {n}, in {city}.",
  'Yes, {cname}, {pnr}.',
  'Okay, done, I approved it in the app.',
  'Hang on, I need to find it... {custno}.',
  "Uh, it's {phone}, or wait, that's my work phone, the one on the account is {phone2}.",
  '{email}',
  'Yeah okay, BankID done.',
  "Born {birth}, postcode {postcode}.",
];

export const AGENT_VERIFY_OK = [
  'Thank you, {cfirst}.',
  'Thanks, I have you here now.',
  "Perfect, I've found your account.",
  'Great, thank you. One moment while it loads.',
  'Thanks, that matches.',
  'Got it.',
  'Lovely, thank you.',
  'Okay, I can see your account.',
];

// ---------- small talk ----------
export const SMALL_TALK: [string, string][] = [
  ["Sorry about the wait today, it's been a busy morning.", "That's okay, I had the radio on."],
  ['How is your day going so far?', "Oh, not too bad, can't complain. Well, apart from this."],
  ["Quite the weather out there today, isn't it?", 'Tell me about it, I had to scrape the car this morning.'],
  ['Lovely to have some sun finally.', 'Yes, it makes a difference.'],
  ['Are you keeping warm?', "Trying to! It's minus twelve here."],
  ['Sorry, can you hear me okay? The line is a bit crackly.', "Yes, I can hear you now. I'm in the car."],
  ["Thanks for holding, I know the queue was long.", "Twenty minutes, but who's counting."],
  ['Has it been a long week?', 'Oh, you have no idea. And it is only Tuesday.'],
  ['Are you getting ready for the holidays?', 'Sort of, the kids are off school next week.'],
  ["I hope you're having a good start to the week.", 'Could be worse, thanks.'],
  ['Is that a dog I hear in the background?', "Ha, yes, sorry, that's Sixten, he thinks you're the postman."],
  ["It's pouring down here in the office.", 'Same here, typical autumn.'],
  ['How are you today?', "I'm fine thanks, a bit tired. And you?"],
  ['Did you have a nice weekend?', 'Yes, we were at the cottage, very quiet.'],
  ['Sorry, my headset dropped for a second.', 'No worries.'],
];

export const CUSTOMER_ASIDES = [
  "Sorry, hang on, my kid is shouting something. Okay, I'm back.",
  'Sorry, the dog is barking at the door.',
  "I'm on the bus so it might be a bit noisy.",
  'Sorry, I am cooking at the same time.',
  "One second, I'm just parking the car.",
  "Excuse me, I've got a bit of a cold.",
  "I'm at work so I have to be a bit quick.",
  "Sorry, I'm not very good with these things.",
  "Wait, let me put you on speaker.",
  "Sorry, I'm a bit stressed today.",
  'Haha, sorry, my cat just walked over the keyboard.',
  'Can you speak up a little, my hearing is not great.',
];

// ---------- agent moves ----------
export const AGENT_ACKS = [
  'Okay, I understand.',
  'Right, let me have a look at that.',
  'I see. Let me check what has happened.',
  "Okay. Thanks for explaining, I'll look into it.",
  'Mm, okay.',
  'Alright, give me a moment.',
  "I'm sorry to hear that, let's see what I can do.",
  'Thanks, that helps.',
  "Okay, I'll check your account.",
  'Sure, one second.',
  'Let me pull that up.',
  'Okay, bear with me, the system is a bit slow today.',
];

export const AGENT_HOLD = [
  "Can I put you on hold for a minute while I check with a colleague?",
  'Just bear with me while I look.',
  "I'm just checking the history on the account.",
  "Thanks for waiting, I'm back.",
  'One moment please.',
  'Let me just read the notes from last time.',
];

export const AGENT_EMPATHY = [
  "I'm really sorry about this.",
  'I completely understand why you are upset.',
  "That's not how it should be, I apologise.",
  "I understand, it's annoying when things don't work.",
  "I'm sorry for the trouble.",
  'I hear you.',
  'I can see why that would be frustrating.',
];

export const AGENT_RETENTION = [
  "I'd be sorry to see you go. Can I offer you something before you decide?",
  'Before you do anything, can I check what I can do on the price?',
  "I understand. I've noted it. Is there anything that would make you stay?",
  "I can't stop you of course, but let me see if there's a loyalty offer.",
  "Let me see if I can do anything about the price for you.",
];

export const AGENT_ANYTHING_ELSE = [
  'Is there anything else I can help you with?',
  'Anything else today?',
  'Was there something else?',
  'Can I help with anything else while I have you?',
  'Is that everything for today?',
];

export const AGENT_CLOSINGS = [
  'Thank you for calling, have a nice {daypart}!',
  'Take care, bye.',
  'Thanks for your patience, have a good day.',
  "You'll get a confirmation by email. Bye for now!",
  'Thanks, and sorry again for the trouble. Bye.',
  'Have a lovely weekend!',
  'Thanks for contacting us. Goodbye.',
  'Bye bye.',
];

// ---------- customer emotion by position ----------
export type SentimentKey = 'Frustrated' | 'Angry' | 'Neutral' | 'Satisfied';

/** Said near the beginning, together with the problem. */
export const SENT_EARLY: Record<SentimentKey, string[]> = {
  Frustrated: [
    'and honestly I am so tired of this.',
    "!this is the {ord} time I'm calling about it.",
    "I've spent hours on this already.",
    'I just want it to work, is that too much to ask?',
    "I'm at my wits' end with it.",
    'I was hoping I would never have to call again about this.',
    "It's really wearing me down.",
    'nobody seems to be able to sort it out.',
    "I've done everything your website says, twice.",
    '!every time I think it is sorted, it comes back.',
    '!sigh. here we go again.',
    "I'm running out of patience, to be honest.",
  ],
  Angry: [
    'This is completely unacceptable.',
    "I'm absolutely furious.",
    'Who on earth approved this?',
    'I want an explanation and I want it now.',
    "Don't give me the standard script, please.",
    'This is a scam, frankly.',
    'You people are unbelievable.',
    "I'm not going to be polite about it anymore.",
    'What kind of company does this to its customers?',
    "I'm so angry I can barely talk.",
    'This is an absolute disgrace.',
    'I demand that someone takes responsibility.',
  ],
  Neutral: [
    'Just want to sort it out.',
    "Probably something simple.",
    'Not a big deal, but I want to check.',
    "I'd like to understand it.",
    'Could you look into it?',
    '',
    '',
    'Thought I would ask.',
    'Just so you know.',
  ],
  Satisfied: [
    'Hopefully it is an easy one!',
    "I'm sure you can sort it out.",
    'No stress at all, just wanted to check.',
    "You've always been helpful before, so.",
    '',
    'Thanks for picking up so quickly by the way.',
    "Otherwise everything's been great.",
  ],
};

/** Reactions in the middle of the conversation. */
export const SENT_MID: Record<SentimentKey, string[]> = {
  Frustrated: [
    "Yes. I've already tried that. Twice.",
    '!Okay... but that is what I was told last time as well.',
    'I really hope so, because I have no energy left for this.',
    "Right. It's just so tiring.",
    'Mm. Fine. Whatever works.',
    '!I know, I know. It just keeps happening.',
    "I don't understand why it has to be so complicated.",
    'sigh, ok',
    '!Sure. Same answer as last time.',
  ],
  Angry: [
    "That's not good enough.",
    "No, you listen to me for a second.",
    "Are you seriously telling me that?",
    "I don't care what your system says.",
    'That is ridiculous and you know it.',
    "I want to talk to your manager.",
    "Don't tell me to restart it, I'm not an idiot.",
    "How many times do I have to explain this?",
    'Unbelievable. Honestly unbelievable.',
    'Put that in writing, then.',
  ],
  Neutral: [
    'Okay.',
    'Right, I see.',
    'Mm-hm.',
    'Okay, makes sense.',
    'Yes, that is correct.',
    'Sure.',
    'Alright.',
    'I see, okay.',
    'Okay, go on.',
    'No, I have not.',
    'Yes, I think so.',
  ],
  Satisfied: [
    'Oh, okay, that makes sense.',
    'Ah, good to know!',
    'Oh great, thanks for checking.',
    "That's helpful, thank you.",
    'Perfect, you are quick.',
    "Oh nice, I didn't know that.",
    'Okay, brilliant.',
  ],
};

/** Reaction to the outcome, late in the conversation. */
export const SENT_LATE: Record<SentimentKey, string[]> = {
  Frustrated: [
    "Okay. Let's hope it actually works this time.",
    "!Fine. But I shouldn't have to call every month.",
    "!Alright. I'm just tired of chasing you.",
    "I'll believe it when I see it.",
    'Okay, but this has taken way too much of my time.',
    "Yeah. Okay. It's just been a long process.",
    "Sure. We'll see.",
    'Fine, thanks I guess.',
  ],
  Angry: [
    "That's the least you can do.",
    'A credit? After all this? Pathetic.',
    "It's not good enough, but fine.",
    "I'm writing a complaint anyway.",
    "I'll be reporting this to the consumer agency.",
    "Don't think this is over.",
    "And I expect someone to actually call me back this time.",
    "Honestly, what a joke of a company.",
  ],
  Neutral: [
    'Okay, thanks.',
    'Fine, that works.',
    'Alright, sounds good.',
    'Okay, noted.',
    'Good, then I know.',
    'Okay. Thanks for the info.',
    'Right, I will do that.',
  ],
  Satisfied: [
    "That's brilliant, thank you so much!",
    "Wow, that was easy. Thanks!",
    'Perfect, you have been really helpful.',
    "Oh that's great news, thank you.",
    "Fantastic, you've saved my day.",
    'Thank you, really appreciate the help.',
    'Super, thanks for sorting it so fast.',
    "That's more than I expected, thank you!",
  ],
};

export const CUSTOMER_CLOSINGS: Record<SentimentKey, string[]> = {
  Frustrated: ['Okay. Bye.', 'No, that was it. Bye.', 'Nope. Thanks.', 'Bye.', "That's all, bye then."],
  Angry: ['No. Goodbye.', "That's all.", '*hangs up*', 'Bye.', 'No, nothing else.'],
  Neutral: ['No, that was all, bye.', "That's it, thanks.", 'No thanks, bye.', 'Nope, have a good one.', 'Thanks, bye.'],
  Satisfied: ['No, that was everything, thanks again!', 'Thank you, have a great day!', "That's all, you've been great, bye!", 'Thanks so much, bye bye!', 'Nope, all good, thanks!'],
};

// ---------- churn signals ----------
export const CHURN_HIGH = [
  "Honestly, I'm thinking about switching to {comp}.",
  "If this isn't fixed I'm cancelling, simple as that.",
  "{comp} keeps sending me offers, and right now they look tempting.",
  "I'm going to look at {comp}, they have something similar for {price}.",
  "One more time and I'm gone.",
  "I've already started looking at other operators.",
  "My {fam} is with {comp} and never has these problems, I think I'll move too.",
  'What would it cost to end the contract early?',
  "I'm this close to porting my number.",
  "Tell me the notice period, because I'm done.",
  "I've got an offer from {comp} on the table and I'm going to take it.",
  "Just so you know, I'm leaving when the contract runs out.",
  "I'm going to cancel the whole thing and go elsewhere.",
  "{comp} would give me the same for less, so why would I stay?",
  "I've had enough, I'm moving everything to {comp}.",
  "Consider this my notice.",
  "If I don't get the money back I'm switching provider.",
  "I'm going to end the {svc} with you, I've decided.",
  "Everyone I know has gone over to {comp}, I think it's my turn.",
  "I want to know how I get out of this contract.",
];

export const CHURN_MEDIUM = [
  "I've been a customer for {n} years, but this is making me think.",
  "I'm starting to wonder if it's worth it.",
  "It's not the first time something like this happens.",
  "I'm not exactly thrilled with the service lately.",
  'My patience is running a bit thin, I have to say.',
  "I'll see how it goes, but it better not happen again.",
  'People keep telling me other companies are cheaper.',
  "You're not making it easy to stay, you know.",
  "This keeps happening, and I'm getting tired of it.",
  "I used to recommend you to friends. Not so sure anymore.",
  "If it happens again I'll have to think about what to do.",
  "Honestly, for what I pay I expect better.",
  "It's the {ord} time this year, that's not great.",
  "I'm not saying I'm leaving, but it's not a good look.",
  "My {fam} keeps asking why we're still with you.",
  "I'm a bit disappointed, I have to be honest.",
  "Last time it took weeks to sort out too.",
  'I expected more from you, to be fair.',
  "Don't make me regret staying, okay?",
  "Maybe I should compare prices one of these days.",
  "It's one thing after another with this {svc}.",
  "Every few months there's something.",
];

export const CHURN_LOW = [
  "I've been happy with you otherwise.",
  'Apart from this everything works fine.',
  "I've been with you for {n} years, no complaints really.",
  '', '', '', '',
];

// ---------- hesitations, false starts ----------
export const HESITATIONS = ['um', 'uh', 'erm', 'like', 'you know', 'I mean', 'sort of', 'well', 'hmm', 'so yeah', 'basically', 'kind of'];
export const FALSE_STARTS = ['I was— I mean, ', 'So the, the ', 'It was, no wait, ', 'I tried to— ', 'What happened was, uh, ', 'I had the— sorry, '];

// ---------- email frames ----------
export const EMAIL_SUBJECTS = [
  'Question about my {svc}', 'Invoice {order}', 'Problem with {svc}', 'Complaint', 'Re: your case {order}', 'Help please',
  '{svc} - {month}', 'Urgent', 'Regarding customer number {custno}', 'Fwd: order {order}', 'Termination', 'Issue with my account',
];
export const EMAIL_GREETINGS = ['Hello,', 'Hi,', 'Dear Sir/Madam,', 'Hello customer service,', 'Hi there,', 'To whom it may concern,', 'Hej,', ''];
export const EMAIL_SIGNOFFS = ['Regards,', 'Best regards,', 'Kind regards,', 'Thanks,', 'Thank you in advance,', 'Cheers,', 'Sincerely,', '/'];
