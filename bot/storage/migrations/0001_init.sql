-- Resident core: people, directions, ideas, curator chats, roles, FSM state.
-- Timestamps are UTC ISO-8601 strings ("2026-11-28T02:00:00+00:00"), so they sort as text.

CREATE TABLE directions (
    id             INTEGER PRIMARY KEY,
    code           TEXT NOT NULL UNIQUE,
    position       INTEGER NOT NULL,
    emoji          TEXT NOT NULL,
    name_ru        TEXT NOT NULL,
    name_en        TEXT NOT NULL,
    description_ru TEXT NOT NULL,
    description_en TEXT NOT NULL,
    -- routing keywords, Russian and English, separated by commas; stemmed by the router
    keywords       TEXT NOT NULL
);

-- A person who wrote to the bot. Until consent is accepted only id, language
-- preference and the consent decision are kept (no names, no territory).
CREATE TABLE users (
    id              INTEGER PRIMARY KEY,           -- Telegram user id
    language        TEXT,
    consent_status  TEXT NOT NULL DEFAULT 'pending'
                    CHECK (consent_status IN ('pending', 'accepted', 'declined', 'withdrawn')),
    consent_version TEXT,
    consent_at      TEXT,
    declined_at     TEXT,
    first_name      TEXT,
    last_name       TEXT,
    username        TEXT,
    territory_code  TEXT,
    onboarded_at    TEXT,
    is_active       INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX users_username ON users (lower(username));

CREATE TABLE subscriptions (
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    direction_id INTEGER NOT NULL REFERENCES directions (id),
    created_at   TEXT NOT NULL,
    PRIMARY KEY (user_id, direction_id)
) WITHOUT ROWID;

CREATE TABLE ideas (
    id                     INTEGER PRIMARY KEY AUTOINCREMENT,   -- public number #N
    author_id              INTEGER REFERENCES users (id) ON DELETE SET NULL,
    text                   TEXT NOT NULL,
    photos                 TEXT NOT NULL DEFAULT '[]',          -- JSON list of file_ids
    latitude               REAL,
    longitude              REAL,
    address                TEXT,
    territory_code         TEXT,
    direction_id           INTEGER NOT NULL REFERENCES directions (id),
    suggested_direction_id INTEGER REFERENCES directions (id),
    status                 TEXT NOT NULL DEFAULT 'new'
                           CHECK (status IN ('new', 'accepted', 'rejected')),
    reject_reason          TEXT,
    decided_by             INTEGER,
    decided_at             TEXT,
    card_pending           INTEGER NOT NULL DEFAULT 1,          -- curator card still to be posted
    created_at             TEXT NOT NULL,
    updated_at             TEXT NOT NULL
);
CREATE INDEX ideas_author_created ON ideas (author_id, created_at);
CREATE INDEX ideas_card_pending ON ideas (card_pending) WHERE card_pending = 1;

-- Where each idea's curator card was posted (to edit it on decisions).
CREATE TABLE idea_cards (
    idea_id    INTEGER NOT NULL REFERENCES ideas (id) ON DELETE CASCADE,
    chat_id    INTEGER NOT NULL,
    thread_id  INTEGER,
    message_id INTEGER NOT NULL,
    posted_at  TEXT NOT NULL,
    PRIMARY KEY (chat_id, message_id)
);
CREATE INDEX idea_cards_idea ON idea_cards (idea_id);

-- Append-only history of what happened to an idea.
CREATE TABLE idea_events (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    idea_id    INTEGER NOT NULL REFERENCES ideas (id) ON DELETE CASCADE,
    actor_id   INTEGER,
    action     TEXT NOT NULL,
    details    TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX idea_events_idea ON idea_events (idea_id);

CREATE TABLE curator_chats (
    direction_id INTEGER PRIMARY KEY REFERENCES directions (id),
    chat_id      INTEGER NOT NULL,
    thread_id    INTEGER,
    title        TEXT,
    bound_by     INTEGER NOT NULL,
    bound_at     TEXT NOT NULL
);

CREATE TABLE roles (
    user_id      INTEGER NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('organizer', 'curator')),
    direction_id INTEGER REFERENCES directions (id),
    granted_by   INTEGER,
    granted_at   TEXT NOT NULL
);
CREATE UNIQUE INDEX roles_unique ON roles (user_id, role, ifnull(direction_id, 0));

CREATE TABLE fsm_state (
    key        TEXT PRIMARY KEY,
    state      TEXT,
    data       TEXT NOT NULL DEFAULT '{}',
    updated_at TEXT NOT NULL
) WITHOUT ROWID;

INSERT INTO directions (id, code, position, emoji, name_ru, name_en, description_ru, description_en, keywords) VALUES
(1, 'tech', 1, '🚀', 'Технологическое лидерство', 'Technological leadership',
 'Цифровые сервисы, IT, робототехника, инженерия и наука для города.',
 'Digital services, IT, robotics, engineering and science for the town.',
 'технология, технологический, цифровой, цифровизация, айти, программирование, программист, код, приложение, сайт, платформа, онлайн, интернет, wi-fi, wifi, вайфай, робот, робототехника, дрон, беспилотник, квадрокоптер, инженер, инженерный, наука, научный, лаборатория, исследование, изобретение, инновация, инновационный, стартап, технопарк, кванториум, 3d, принтер, электроника, датчик, сенсор, умный, искусственный, интеллект, нейросеть, трекинг, навигация, qr, зарядка, зарядный, электромобиль, электросамокат, солнечный, батарея, энергосбережение, автоматизация, автоматический, видеонаблюдение, табло, дисплей, экран, чат-бот, бот, смартфон, гаджет, компьютер, компьютерный, хакатон, киберспорт, технический, моделирование, астрономия, обсерватория, телескоп, физика, химия, биотехнология, электронный, мобильный, геолокация, цифровой сервис, портал, открытые данные, камеры, счетчик, онлайн-карта, интерактивный, информационный, it, technology, tech, digital, software, app, application, website, online, internet, robot, robotics, drone, engineering, engineer, science, scientific, lab, laboratory, innovation, startup, smart, sensor, ai, artificial, intelligence, data, charging, electric, solar, coding, programming, computer, hackathon, tracking, display, screen, automation, electronics, printer, gadget, wi-fi, wifi, qr, 3d'),
(2, 'social', 2, '🤝', 'Социальные проекты', 'Social projects',
 'Помощь людям, волонтёрство, доступная среда, семьи, здоровье и культура.',
 'Helping people, volunteering, accessibility, families, health and culture.',
 'социальный, волонтёр, добровольцы, добровольцев, поисковый, поисковики, пропавший, кровь, донорская, кризисный, насилие, психолог, юрист, тактильный, звуковой, жестовый, сурдопереводчик, слабослышащий, волонтерский, волонтёрство, доброволец, добровольческий, помощь, помогать, благотворительный, благотворительность, пожилой, пенсионер, старший, бабушка, дедушка, ветеран, инвалид, инвалидность, инвалидный, коляска, колясочник, пандус, доступный, доступность, слабовидящий, незрячий, глухой, ограниченный, овз, инклюзивный, инклюзия, семья, многодетный, малоимущий, нуждающийся, сирота, детский дом, приют, бездомный, животное, собака, кошка, волонтёрский центр, здоровье, здоровый, медицинский, поликлиника, больница, донор, донорство, психологический, одиночество, одинокий, забота, соседский, сосед, сообщество, краеведческий, краеведение, музей, библиотека, культура, культурный, традиция, народный, память, ветеранов, патриотический, мигрант, адаптация, реабилитация, фонд, сбор, продуктовый, фудшеринг, обучение пенсионеров, кружок, клуб, досуг, мама, родитель, ребёнок, малыш, подросток, social, volunteer, volunteering, charity, elderly, senior, pensioner, disabled, disability, wheelchair, ramp, sign language, hearing, blood, accessible, accessibility, blind, deaf, inclusive, inclusion, family, families, orphan, shelter, homeless, animal, dog, cat, health, clinic, hospital, donor, lonely, loneliness, neighbour, neighbor, community, heritage, museum, library, culture, veteran, care, mothers, parents, kids, children'),
(3, 'urban', 3, '🌳', 'Развитие городской среды', 'Urban environment',
 'Парки, дворы, улицы, благоустройство и общественные пространства.',
 'Parks, yards, streets, landscaping and public spaces.',
 'парк, сквер, двор, дворовый, площадка, детская площадка, спортплощадка, скамейка, лавочка, урна, мусор, освещение, фонарь, фонари, тротуар, дорожка, аллея, улица, дорога, асфальт, яма, бордюр, переход, светофор, остановка, набережная, река, пруд, озеро, пляж, клумба, цветник, газон, дерево, деревья, озеленение, посадка, сад, зелёный, благоустройство, благоустроить, благоустроенный, фасад, здание, граффити, мурал, арт-объект, скульптура, памятник, фонтан, беседка, навес, туалет, площадь, центр города, пешеходный, пешеход, велодорожка, велосипед, велопарковка, парковка, пространство, общественное пространство, территория, сквера, заброшенный, пустырь, зона отдыха, городская среда, архитектура, ландшафт, гравий, плитка, ограждение, забор, каток, горка, лыжня, трасса, тропа, экотропа, сосновый, роща, лес, бульвар, вывеска, указатель, урбанистика, озеленить, отремонтировать, ремонт, park, square, yard, playground, bench, benches, trash, litter, bins, lighting, lamp, lamps, streetlight, sidewalk, pavement, path, alley, street, road, crosswalk, bus stop, embankment, river, pond, lake, beach, flower, flowers, lawn, tree, trees, greenery, garden, landscaping, facade, mural, sculpture, fountain, gazebo, toilet, pedestrian, bike lane, cycling, parking, public space, wasteland, boulevard, signs, paving, fence, renovation, repair'),
(4, 'youth', 4, '🎓', 'Молодые профессионалы', 'Young professionals',
 'Карьера, стажировки, наставничество и профессии для молодёжи.',
 'Careers, internships, mentoring and professions for young people.',
 'молодёжь, молодёжный, старшеклассник, старшеклассники, обмен опытом, молодые врачи, молодые учителя, целевое обучение, молодой, молодые специалисты, специалист, студент, студенческий, выпускник, школьник, абитуриент, карьера, карьерный, профессия, профессиональный, профориентация, профориентационный, стажировка, стажёр, практика, наставник, наставничество, ментор, менторство, работодатель, работа, вакансия, трудоустройство, занятость, резюме, собеседование, ярмарка вакансий, предприятие, завод, комбинат, компания, бизнес, предприниматель, предпринимательство, предпринимательский, коворкинг, акселератор, бизнес-инкубатор, инкубатор, навык, навыки, soft skills, компетенция, обучение, курс, мастер-класс, тренинг, лекция, образование, образовательный, колледж, техникум, университет, вуз, институт, кадры, кадровый, отрасль, экскурсия на предприятие, лидер, лидерство, команда, проектная, проект, нетворкинг, сообщество профессионалов, клуб профессионалов, финансовая грамотность, самозанятый, фриланс, портфолио, youth, young, student, students, graduate, graduates, career, careers, profession, professional, internship, internships, intern, mentor, mentoring, mentorship, employer, employers, job, jobs, vacancy, employment, resume, interview, job fair, business, entrepreneur, entrepreneurship, coworking, accelerator, incubator, skills, training, course, workshop, college, university, networking, leadership, specialists, apprenticeship, plant, factory');
