create table tags (item_name text not null, tag text not null, primary key (item_name, tag));
