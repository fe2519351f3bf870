<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ModulesTab</name>
    <message numerus="yes">
        <source>%n class(es) ticked.</source>
        <translation>
            <numerusform>%n class ticked.</numerusform>
            <numerusform>%n classes ticked.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>A module for these %n class(es) keeps %1 of %2 neurons (%3): %4</source>
        <translation>
            <numerusform>A module for this %n class keeps %1 of %2 neurons (%3): %4</numerusform>
            <numerusform>A module for these %n classes keeps %1 of %2 neurons (%3): %4</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Preparing the module for %n class(es)...</source>
        <translation>
            <numerusform>Preparing the module for %n class...</numerusform>
            <numerusform>Preparing the module for %n classes...</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cutting the module for %n class(es), without fine-tuning...</source>
        <translation>
            <numerusform>Cutting the module for %n class, without fine-tuning...</numerusform>
            <numerusform>Cutting the module for %n classes, without fine-tuning...</numerusform>
        </translation>
    </message>
</context>
</TS>
