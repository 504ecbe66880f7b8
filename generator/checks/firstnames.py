"""Common UK first names, for the personal-data check's name detector (generator/checks/privacy.py).

Taken from the names most often given in England and Wales over the last eighty years, so that
it covers children, their parents and their grandparents. Names that are also everyday English
words, months or places are left out on purpose ("Will", "Grace", "Hope", "May", "Dawn", "Rose",
"Frank", "Mark", "Dean" as in the Forest of Dean), because the detector flags a listed name
wherever it stands with a capital letter. The list only helps: a title ("Mrs Smith") or a family
word ("mother Zainab") flags an unlisted name too.
"""

from __future__ import annotations

_NAMES = """
Aaliyah Aaron Abbie Abby Abdul Abdullah Abigail Ada Adam Adrian Aidan Aiden Aimee Aisha Alan Albert
Alex Alexander Alexandra Alexis Alfie Alfred Ali Alice Alicia Alison Allan Amanda Amelia Amelie Amir
Amy Ana Andrea Andrew Andy Angela Angus Anita Ann Anna Anne Annette Annie Anthony Antonia Archie Arlo
Arthur Ashley Austin Ava Ayaan Ayesha Barbara Barry Beatrice Bella Ben Benjamin Bernard Beth
Bethany Betty Beverley Billy Blake Bobby Bradley Brandon Brenda Brendan Brian Bridget Brooke Bryony
Caitlin Callum Calvin Cameron Carl Carla Carly Caroline Catherine Cerys Chantelle Charlie Charles
Charlotte Chloe Chris Christine Christopher Ciara Claire Clara Clare Colin Connor Conor Craig
Daisie Damian Damien Daniel Danielle Danny Darren Dave David Debbie Deborah Declan Denise Dennis Derek
Diana Diane Dominic Donna Dorothy Douglas Dylan Eddie Edith Edward Eileen Elaine Eleanor Elena Eli
Elijah Elise Elizabeth Ella Ellie Elliot Elliott Ellis Eloise Elsie Emily Emma Eric Erin Esme Ethan
Eva Evelyn Evie Ewan Ezra Fatima Felix Finlay Finley Finn Fiona Frances Francesca Freddie Freya
Gabriel Gareth Gary Gavin Gemma Geoffrey George Georgina Gerald Gillian Gordon Graham Gregory
Hamza Hannah Harriet Harrison Harry Harvey Hayden Hayley Heidi Helen Henry Hollie Hugo Hussain
Ian Imogen Isaac Isabel Isabella Isabelle Isaiah Isla Ivan Jacob Jacqueline Jake James Jamie
Jane Janet Janice Jasmine Jason Jayden Jean Jenna Jennifer Jenny Jeremy Jessica Jill Joan Joanna
Joanne Jodie Joe Joel Joey John Jonathan Joseph Josh Joshua Josie Joyce Judith Julia Julian Julie
Justin Kai Karen Karl Kate Katherine Kathleen Kathryn Katie Kayden Kayla Keith Kelly Kenneth Kerry
Kevin Khadija Kieran Kim Kirsty Kyle Lacey Laura Lauren Layla Leah Lee Leo Leon Leonard Lesley
Leslie Liam Linda Lindsay Lisa Logan Lola Lorraine Louis Louise Luca Lucas Lucy Luke Lydia Lynn
Lynne Maisie Malcolm Margaret Maria Marie Marion Martin Martyn Mary Maryam Matilda Matthew Megan
Melanie Melissa Mia Michael Michelle Mila Millie Mohamed Mohammad Mohammed Molly Muhammad Nadia
Nancy Naomi Natalie Natasha Nathan Neil Niamh Nicholas Nicola Nicole Nigel Noah Norma Oliver Olivia
Oscar Owen Paige Pamela Patricia Patrick Paul Paula Pauline Peter Philip Phillip Phoebe Rachel
Rebecca Reece Rhys Richard Rita Robert Robin Robyn Rory Rosie Ross Roxanne Ruth Ryan Sally Samantha
Samuel Sandra Sara Sarah Scarlett Scott Sean Sebastian Shane Shannon Sharon Sheila Shirley Simon
Sofia Sonia Sophia Sophie Stacey Stanley Stephanie Stephen Steven Stuart Susan Suzanne Sylvia
Tanya Tara Teresa Terry Theo Theodore Thomas Tia Tiffany Timothy Toby Tom Tommy Tony Tracey Tracy
Trevor Tyler Valerie Vanessa Vera Vincent Wayne Wendy William Yasmin Yusuf Zachary Zainab Zara Zoe
"""

FIRST_NAMES: frozenset[str] = frozenset(_NAMES.split())
"""Each name as usually written, with a capital letter."""
